import { PatchbayError } from '@patchbay/types';
import type { PrimaryKey } from './stream-types.ts';

/**
 * The vendor id of a raw record, from the stream's primary key. Throws `VENDOR_BAD_RESPONSE` when the
 * record has none: a record without an id cannot be upserted.
 */
export function recordKey<Raw>(stream: { readonly name: string; readonly primaryKey: PrimaryKey<Raw> }, raw: Raw): string {
  const { primaryKey } = stream;
  const value: unknown = typeof primaryKey === 'function' ? primaryKey(raw) : (raw as Record<string, unknown>)[primaryKey];
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') {
    return String(value);
  }
  throw new PatchbayError('VENDOR_BAD_RESPONSE', {
    message: `A record of stream "${stream.name}" has no usable id`,
    field: typeof primaryKey === 'string' ? primaryKey : 'primaryKey',
    details: { stream: stream.name, keyType: typeof value },
  });
}
