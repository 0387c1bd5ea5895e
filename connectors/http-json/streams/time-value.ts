import { toEpochMs } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { HttpJsonConfig } from '../config.ts';

/** Below this a number is taken as epoch seconds (1e11 ms is March 1973; 1e11 s is the year 5138). */
const EPOCH_SECONDS_BELOW = 100_000_000_000;

/**
 * Epoch milliseconds of a record's time: an ISO 8601 string with a zone, epoch milliseconds, or epoch
 * seconds (told apart by size), or a numeric string of either. Anything else is refused.
 */
export function epochMsOf(value: unknown, field: string): number {
  const numeric = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof numeric === 'number' && Number.isFinite(numeric)) return Math.trunc(numeric < EPOCH_SECONDS_BELOW ? numeric * 1000 : numeric);
  if (typeof numeric === 'string') return toEpochMs(numeric, field);
  throw new PatchbayError('VENDOR_BAD_RESPONSE', {
    message: `A record has no usable ${field}`,
    field,
    hint: 'The field must hold an ISO 8601 time with a zone, or epoch seconds or milliseconds.',
    details: { type: value === null ? 'null' : typeof value },
  });
}

/** A time as the API takes it in since/until parameters. */
export function formatTime(at: Date, format: HttpJsonConfig['time_format']): string {
  if (format === 'epoch_ms') return String(at.getTime());
  if (format === 'epoch_s') return String(Math.floor(at.getTime() / 1000));
  return at.toISOString();
}
