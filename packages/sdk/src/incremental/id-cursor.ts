import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';

/** Checkpoint of an id cursor: the greatest id emitted so far. */
export const idCursorStateSchema = z.object({ after: z.string() });
export type IdCursorState = z.output<typeof idCursorStateSchema>;

/** `numeric`: decimal integers of any size (compared as BigInt). `lexicographic`: ULIDs, zero-padded ids. */
export type IdComparison = 'numeric' | 'lexicographic';

const DECIMAL = /^(?:0|[1-9]\d*)$/;

/** Normalises a vendor id for comparison; numeric ids must be non-negative decimal integers. */
export function normaliseId(value: string | number, comparison: IdComparison): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || text === '' || (comparison === 'numeric' && !DECIMAL.test(text))) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `A record id is not a usable ${comparison} id`,
      field: 'id',
      details: { value: String(value).slice(0, 64) },
    });
  }
  return text;
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareIds(a: string, b: string, comparison: IdComparison): number {
  if (comparison === 'numeric') {
    const difference = BigInt(a) - BigInt(b);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
