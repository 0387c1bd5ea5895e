import { PatchbayError } from '@patchbay/types';

const ZONED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of a Falcon timestamp: RFC 3339 with a zone, often with micro- or nanoseconds
 * (`2026-04-30T10:00:00.123456789Z`), whose digits past the millisecond are dropped. A time without a
 * zone is refused, never guessed.
 */
export function epochOf(value: string, field: string): number {
  const match = ZONED.exec(value.trim());
  const ms = match ? Date.parse(`${match[1]}${match[2] ? `.${match[2].slice(0, 3).padEnd(3, '0')}` : ''}${match[3]}`) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `A CrowdStrike record has no usable ${field}`,
      field,
      hint: 'Falcon times are RFC 3339 with a zone.',
      details: { value: value.slice(0, 64) },
    });
  }
  return ms;
}

/** The time as epoch ms when present, else undefined. */
export function optionalEpoch(value: string | null | undefined, field: string): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : epochOf(value, field);
}
