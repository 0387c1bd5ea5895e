import type { FormatInput } from './format-input.ts';
import { metricOf } from './metric-fields.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, key) => (isObj(cur) ? cur[key] : undefined), o);

/** The OCSF record an event carries (`data.record` of record.* and finding.* events), or null. */
export function recordOf(input: FormatInput): Obj | null {
  const record = input.envelope.data.record;
  return isObj(record) ? record : null;
}

/** The fields the line formats (CEF, LEEF, syslog) share, read from the OCSF record when there is one. */
export interface CommonFields {
  readonly vendor: string;
  readonly product: string;
  readonly productVersion: string;
  readonly classUid: number | null;
  readonly className: string;
  /** A title: finding title, the record's message, else the event type. */
  readonly name: string;
  /** OCSF severity_id (0 unknown .. 6 fatal, 99 other), or null. */
  readonly severityId: number | null;
  /** Event time in epoch milliseconds (the record's OCSF `time`, else the event's timestamp). */
  readonly timeMs: number;
  readonly message: string | undefined;
  /** The vendor's id of the finding or event. */
  readonly externalId: string | undefined;
  readonly deviceHost: string | undefined;
  readonly deviceIp: string | undefined;
  readonly userName: string | undefined;
}

export function commonFields(input: FormatInput): CommonFields {
  const record = recordOf(input);
  const data = input.envelope.data;
  const classUid = typeof data.class_uid === 'number' ? data.class_uid : typeof record?.class_uid === 'number' ? record.class_uid : null;
  const severity = typeof data.severity_id === 'number' ? data.severity_id : typeof record?.severity_id === 'number' ? record.severity_id : null;
  const time = typeof record?.time === 'number' ? record.time : Date.parse(input.envelope.timestamp);
  const metric = record ? null : metricOf(input);
  return {
    vendor: str(at(record, 'metadata', 'product', 'vendor_name')) ?? 'Patchbay',
    product: str(at(record, 'metadata', 'product', 'name')) ?? 'Patchbay',
    productVersion: str(at(record, 'metadata', 'product', 'version')) ?? str(at(record, 'metadata', 'version')) ?? '1',
    classUid,
    className: str(record?.class_name) ?? (classUid === null ? input.envelope.type : `class ${classUid}`),
    name: str(at(record, 'finding_info', 'title')) ?? str(record?.message) ?? str(record?.activity_name) ?? metric?.title ?? input.envelope.type,
    severityId: severity,
    timeMs: time,
    message: str(record?.message) ?? str(at(record, 'finding_info', 'desc')) ?? metric?.message,
    externalId: str(at(record, 'finding_info', 'uid')) ?? str(at(record, 'metadata', 'uid')) ?? str(data.external_id),
    deviceHost: str(at(record, 'device', 'hostname')) ?? str(at(record, 'device', 'name')),
    deviceIp: str(at(record, 'device', 'ip')),
    userName: str(at(record, 'actor', 'user', 'name')) ?? str(at(record, 'user', 'name')),
  };
}

/** OCSF severity_id on the 0-10 scale of CEF and LEEF (1 informational .. 6 fatal; unknown 0, other 5). */
export function severity0to10(severityId: number | null): number {
  const scale: Record<number, number> = { 0: 0, 1: 1, 2: 3, 3: 5, 4: 7, 5: 9, 6: 10 };
  return severityId === null ? 0 : (scale[severityId] ?? 5);
}
