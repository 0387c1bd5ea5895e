import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';

/** `metadata` of every Okta record: OCSF version, product, the vendor id and the vendor's own time text. */
export function metadataOf(meta: MapMeta, uid: string | undefined, extra: { readonly original?: string; readonly modified?: number; readonly eventCode?: string } = {}) {
  return {
    version: ocsfVersion,
    product: { name: 'Okta Identity Cloud', vendor_name: 'Okta' },
    ...(uid ? { uid } : {}),
    ...(extra.original !== undefined ? { original_time: extra.original } : {}),
    ...(extra.modified !== undefined ? { modified_time: extra.modified } : {}),
    ...(extra.eventCode !== undefined ? { event_code: extra.eventCode } : {}),
  };
}

/** Drops undefined and null values, so a record never carries an attribute without a value. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}
