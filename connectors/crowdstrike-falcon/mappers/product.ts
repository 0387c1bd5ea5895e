import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';

/** `metadata` of every record: OCSF version, the Falcon product, the vendor's id and original time. */
export function metadataOf(meta: MapMeta, feature: string, uid: string, originalTime?: string, modifiedTime?: number): Record<string, unknown> {
  return {
    version: ocsfVersion,
    product: { name: 'Falcon', vendor_name: 'CrowdStrike', feature: { name: feature } },
    uid,
    ...(originalTime !== undefined ? { original_time: originalTime } : {}),
    ...(modifiedTime !== undefined ? { modified_time: modifiedTime } : {}),
    log_provider: meta.connector.id,
  };
}

/** Drops undefined, null, empty strings, empty arrays and empty objects, so optional OCSF attributes stay absent. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || item === '') continue;
    if (Array.isArray(item) && item.length === 0) continue;
    if (typeof item === 'object' && !Array.isArray(item) && Object.keys(item as object).length === 0) continue;
    out[key] = item;
  }
  return out as Partial<T>;
}

/** What is left of a record after the mapped fields: undefined when nothing is. */
export function unmappedOf(rest: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(rest).length === 0 ? undefined : rest;
}
