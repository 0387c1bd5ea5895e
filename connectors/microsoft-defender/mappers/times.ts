import { toEpochMs } from '@patchbay/sdk';

/** Epoch milliseconds of a zoned ISO 8601 time (Graph and Defender send `...Z`); undefined when absent. A zone-less or unreadable value throws. */
export function epochMsOf(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return toEpochMs(typeof value === 'string' ? value : String(value), field);
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

/**
 * The software vulnerabilities assessment export writes its timestamps as `2020-11-03 10:13:34.8476880`,
 * without a zone, and documents them as UTC; such a value is read as UTC (a value with a zone as it says).
 */
export function utcEpochMsOf(value: unknown, field: string): number | undefined {
  if (typeof value === 'string') {
    const match = ZONELESS.exec(value.trim());
    if (match) return toEpochMs(`${match[1]}T${match[2]}Z`, field);
  }
  return epochMsOf(value, field);
}

/** `{ [key]: value }` when value is present, for building OCSF objects without undefined members. */
export function opt<T>(key: string, value: T | null | undefined): Record<string, T> {
  return value === undefined || value === null || (typeof value === 'string' && value === '') ? {} : { [key]: value };
}
