import { PatchbayError } from '@patchbay/types';
import type { HttpResponse } from '../http/types.ts';
import { readPath } from './path.ts';

/** Where a page's items are: a dotted path in the body (`resources`; `''` for a body that is the array) or a function. */
export type ItemsSelector<Item> = string | ((response: HttpResponse) => readonly Item[] | null | undefined);

/** Where a value is: a dotted path in the body, a response header, or a function. */
export type ValueSource = { readonly body: string } | { readonly header: string } | ((response: HttpResponse) => unknown);

function badResponse(response: HttpResponse, message: string, details: Record<string, unknown>): PatchbayError {
  return new PatchbayError('VENDOR_BAD_RESPONSE', { message, details: { url: response.url, status: response.status, ...details } });
}

/** The page's items; a missing list (null or absent) is an empty page, anything else not an array is an error. */
export function selectItems<Item>(response: HttpResponse, selector: ItemsSelector<Item>): readonly Item[] {
  const value: unknown = typeof selector === 'function' ? selector(response) : readPath(response.body, selector);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw badResponse(response, 'The vendor response has no list of items where expected', { path: typeof selector === 'string' ? selector : null });
  }
  return value as readonly Item[];
}

export function selectValue(response: HttpResponse, source: ValueSource): unknown {
  if (typeof source === 'function') return source(response);
  if ('header' in source) return response.headers.get(source.header) ?? undefined;
  return readPath(response.body, source.body);
}

/** A page token: non-empty string or number as a string; absent, null or '' mean "no more pages". */
export function selectToken(response: HttpResponse, source: ValueSource): string | null {
  const value = selectValue(response, source);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badResponse(response, 'The vendor page token is neither a string nor a number', { type: typeof value });
}

/** A count such as a total; absent means unknown. */
export function selectCount(response: HttpResponse, source: ValueSource): number | undefined {
  const value = selectValue(response, source);
  if (value === undefined || value === null) return undefined;
  const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
  throw badResponse(response, 'The vendor count is not a whole number', { value: String(value) });
}

/** A has-more flag: true/false (or their strings); absent means "decide by the token". */
export function selectFlag(response: HttpResponse, source: ValueSource): boolean | undefined {
  const value = selectValue(response, source);
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw badResponse(response, 'The vendor has-more flag is not a boolean', { value: String(value) });
}
