import { ocsfVersion } from '@patchbay/ocsf';
import { readPath, type MapMeta, type OcsfRecord } from '@patchbay/sdk';
import type { HttpJsonItem } from '../streams/item.ts';
import { epochMsOf } from '../streams/time-value.ts';
import { severityOf } from './severity.ts';
import { unmappedOf } from './unmapped.ts';

const MAX_TEXT = 4000;

/** OCSF class header per configured class: base_event 0 (activity Unknown), detection_finding 2004 (activity Create). */
const CLASSES = {
  base_event: { class_uid: 0, category_uid: 0, activity_id: 0, type_uid: 0 },
  detection_finding: { class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200_401 },
} as const;

function textAt(record: unknown, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const value = readPath(record, path);
  if (value === undefined || value === null || value === '') return undefined;
  return (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, MAX_TEXT);
}

/**
 * Maps one record of a generic JSON API to OCSF: the configured class, `time` from field_map.time (or
 * the cursor field; the time the page arrived when the record has none), severity, message, the vendor
 * id as metadata.uid, and for detection findings finding_info. Every field not mapped is kept under
 * `unmapped`. A time that is present but unreadable throws: the engine keeps the record as rejected.
 */
export function mapRecord(item: HttpJsonItem, meta: MapMeta): OcsfRecord {
  const { record, mapping } = item;
  const fields = mapping.field_map;
  const timePath = fields.time ?? mapping.cursor_field;
  const rawTime = timePath === undefined ? undefined : readPath(record, timePath);
  const time = rawTime === undefined || rawTime === null ? meta.receivedAt.getTime() : epochMsOf(rawTime, timePath!);
  const uidPath = fields.uid ?? mapping.id_field;
  const uid = textAt(record, uidPath);
  const message = textAt(record, fields.message);
  const finding = mapping.ocsf_class === 'detection_finding';
  const title = finding ? textAt(record, fields.title) : undefined;
  // The title has a home only in a finding; in a base event it stays under `unmapped`.
  const used = [uidPath, timePath, fields.severity, fields.message, finding ? fields.title : undefined].filter((p): p is string => p !== undefined);
  const unmapped = unmappedOf(record, [...new Set(used)]);
  return {
    ...CLASSES[mapping.ocsf_class],
    ...severityOf(fields.severity === undefined ? undefined : readPath(record, fields.severity), mapping.severity_map),
    time,
    ...(message !== undefined ? { message } : {}),
    metadata: {
      version: ocsfVersion,
      product: { name: mapping.product_name, vendor_name: mapping.vendor_name },
      ...(uid !== undefined ? { uid } : {}),
    },
    ...(finding ? { finding_info: { uid: uid ?? item.id, title: title ?? message ?? uid ?? item.id } } : {}),
    ...(unmapped !== undefined ? { unmapped } : {}),
  };
}
