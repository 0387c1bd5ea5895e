import { PatchbayError } from '@patchbay/types';

/**
 * One field of a Table API record read with `sysparm_display_value=all` and
 * `sysparm_exclude_reference_link=true`: the database value (sys_ids for references, choice values, UTC
 * date-times) beside the display value (names, choice labels, date-times in the user's time zone).
 * https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html (sysparm_display_value)
 */
export interface TableField {
  readonly value: string;
  readonly display_value: string;
}

/** A Table API record in that form. Every field is present; empty ones have empty strings. */
export type TableRecord = Readonly<Record<string, TableField | undefined>>;

/**
 * How every read asks for records: both values of each field (the database value for logic and times,
 * the display value for names and labels) and no reference links (they add a URL per reference, unused).
 */
export const READ_PARAMS = { sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' } as const;

/** A field's database value, or undefined when empty or absent. */
export function valueOf(record: TableRecord, field: string): string | undefined {
  const entry = record[field];
  const value = typeof entry === 'object' && entry !== null ? entry.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A field's display value (falling back to the value), or undefined when empty or absent. */
export function displayOf(record: TableRecord, field: string): string | undefined {
  const entry = record[field];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const shown = typeof entry.display_value === 'string' && entry.display_value !== '' ? entry.display_value : undefined;
  return shown ?? valueOf(record, field);
}

/** The record's sys_id; a record without one is not a Table API record. */
export function sysIdOf(record: TableRecord): string {
  const id = valueOf(record, 'sys_id');
  if (id === undefined) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'A ServiceNow record has no sys_id: the Table API answered outside its format' });
  return id;
}

const SN_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Epoch milliseconds of a glide_date_time database value, "2026-05-01 12:34:56": ServiceNow stores and
 * returns these in UTC (the display value is in the user's time zone, and never read here). Undefined for
 * an empty value; a value in another format is a bad response.
 */
export function snTimeMs(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = SN_TIME.exec(value);
  if (!match) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `A ServiceNow date-time is not in the yyyy-MM-dd HH:mm:ss format: ${JSON.stringify(value.slice(0, 40))}` });
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** A date-time as ServiceNow's database value (UTC, whole seconds, rounded down): what encoded queries compare. */
export function snTime(at: Date | number): string {
  const iso = new Date(Math.floor(new Date(at).getTime() / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
