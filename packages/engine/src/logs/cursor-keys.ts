import { PatchbayError } from '@patchbay/types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(): PatchbayError {
  return new PatchbayError('INVALID_CURSOR', { field: 'cursor', message: 'The cursor is not one this API returned' });
}

/** A decoded cursor part that must be a date, checked before it reaches SQL. */
export function cursorDate(value: string | number | undefined): Date {
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) throw invalid();
  return d;
}

/** A decoded cursor part that must be a uuid, checked before it reaches SQL. */
export function cursorUuid(value: string | number | undefined): string {
  if (!UUID.test(String(value))) throw invalid();
  return String(value);
}
