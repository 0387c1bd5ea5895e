import { PatchbayError } from '@patchbay/types';

/** A vendor time: an ISO 8601 string with a zone (`Z` or `+02:00`), a Date, or epoch milliseconds. */
export type TimestampValue = string | number | Date;

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of a vendor time. Strings without a zone are refused rather than read in the
 * server's local time; sub-millisecond digits are truncated. Epoch seconds must be converted by the caller.
 */
export function toEpochMs(value: TimestampValue, field = 'timestamp'): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : ZONED.test(value.trim()) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `A record has no usable ${field}`,
      field,
      hint: 'Timestamps must be ISO 8601 with a zone, a Date or epoch milliseconds.',
      details: { value: typeof value === 'string' ? value.slice(0, 64) : String(value) },
    });
  }
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
