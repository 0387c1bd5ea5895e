import type { HttpRequest, PaginateContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** One page of an OData collection, and the `@odata.nextLink` to go on with (null after the last page). */
export interface ODataPage<Item> {
  readonly items: readonly Item[];
  readonly next: string | null;
}

const NEXT_LINK = '@odata.nextLink';

function badResponse(url: string, message: string): PatchbayError {
  return new PatchbayError('VENDOR_BAD_RESPONSE', { message, details: { url: url.split('?')[0] } });
}

/**
 * Reads an OData v4 collection (`{ value: [...], "@odata.nextLink": "<absolute URL>" }`) page by page, as
 * Microsoft Graph (https://learn.microsoft.com/en-us/graph/paging) and Defender for Endpoint
 * (https://learn.microsoft.com/en-us/defender-endpoint/api/exposed-apis-odata-samples) page: the next link
 * is followed whole (it carries the filter, `$top` and `$skip`/`$skiptoken`), and the listing ends when a
 * page has none. An empty page that still links onwards is not the end (Graph documents such pages). A
 * link to the page itself fails with VENDOR_BAD_RESPONSE instead of looping. `start` resumes at a stored
 * next link.
 */
export async function* odataPages<Item>(ctx: PaginateContext, request: HttpRequest, start?: string): AsyncGenerator<ODataPage<Item>, void, undefined> {
  let current: HttpRequest = start === undefined ? request : { ...request, url: start, query: undefined };
  for (;;) {
    ctx.signal?.throwIfAborted();
    const response = await ctx.http.request<unknown>(ctx.signal === undefined ? current : { ...current, signal: ctx.signal });
    const body = response.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badResponse(response.url, 'The vendor answered a listing with something other than an OData collection');
    const record = body as Record<string, unknown>;
    const value = record.value;
    if (value !== undefined && value !== null && !Array.isArray(value)) throw badResponse(response.url, 'The OData collection has no "value" list');
    const link = record[NEXT_LINK];
    if (link !== undefined && link !== null && typeof link !== 'string') throw badResponse(response.url, 'The OData next link is not a string');
    const next = typeof link === 'string' && link !== '' ? link : null;
    if (next !== null && next === response.url) throw badResponse(response.url, 'The vendor linked the next page to the page itself; paging would never end');
    yield { items: (value ?? []) as readonly Item[], next };
    if (next === null) return;
    current = { ...request, url: next, query: undefined };
  }
}
