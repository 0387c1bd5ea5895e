import { PatchbayError } from '@patchbay/types';
import { findLink } from './link-header.ts';
import { reachedMaxPages, sendPage, type Page, type PaginateContext, type PaginationOptions } from './page.ts';
import { selectItems } from './selectors.ts';

export interface LinkPagination<Item> extends PaginationOptions<Item> {
  /** The relation to follow (default `next`). */
  readonly rel?: string;
  /** A next-page URL from a checkpoint to resume from; absent for the first page. */
  readonly start?: string;
  /** Stop on a page without items even when it links onwards (default true; Okta's log always links on). */
  readonly stopOnEmptyPage?: boolean;
}

/**
 * Follows the `Link` header's `rel="next"` URL (RFC 8288), resolved against the response URL. The link
 * carries the query, so the template's query is dropped after the first page. Stops when there is no
 * next link or (by default) on an empty page; each page's `next` is the URL to resume from.
 */
export async function* paginateLink<Item>(ctx: PaginateContext, options: LinkPagination<Item>): AsyncGenerator<Page<Item, string>, void, undefined> {
  let url = options.start;
  for (let index = 0; ; index += 1) {
    const request = url === undefined ? options.request : { ...options.request, url, query: undefined };
    const response = await sendPage(ctx, request);
    const items = selectItems(response, options.items);
    const linked = findLink(response.headers.get('link'), options.rel ?? 'next', response.url);
    const next = linked === undefined || (items.length === 0 && options.stopOnEmptyPage !== false) ? null : linked;
    if (next !== null && next === response.url) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', {
        message: 'The vendor linked the next page to the page itself; paging would never end',
        details: { url: response.url, operation: options.request.operation ?? null },
      });
    }
    yield { items, response, next, index };
    if (next === null || reachedMaxPages(options, index)) return;
    url = next;
  }
}
