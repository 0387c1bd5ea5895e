import { ocsfVersion } from '@patchbay/ocsf';
import { snTimeMs, valueOf, type TableRecord } from '../table-record.ts';

/** Drops undefined entries, so optional attributes are left out rather than set to undefined. */
export function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** `metadata` of every record: the pinned OCSF version, ServiceNow as the product, the sys_id as uid. */
export function metadataOf(record: TableRecord, uid: string): Record<string, unknown> {
  const updated = valueOf(record, 'sys_updated_on');
  return compact({
    version: ocsfVersion,
    uid,
    product: { name: 'ServiceNow', vendor_name: 'ServiceNow' },
    original_time: updated,
    modified_time: snTimeMs(updated),
  });
}

/** A reference field as an OCSF entity (user, group, organisation): its sys_id and display name. */
export function referenceOf(record: TableRecord, field: string): { uid: string; name?: string } | undefined {
  const uid = valueOf(record, field);
  if (uid === undefined) return undefined;
  const name = record[field]?.display_value;
  return typeof name === 'string' && name !== '' ? { uid, name } : { uid };
}

/** The fields of a record not named in `mapped`, for `unmapped`: nothing the vendor sent is dropped. */
export function unmappedOf(record: TableRecord, mapped: readonly string[]): Record<string, unknown> {
  const taken = new Set(mapped);
  return Object.fromEntries(Object.entries(record).filter(([field]) => !taken.has(field)));
}
