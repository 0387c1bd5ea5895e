import { PatchbayError } from '@patchbay/types';
import { reachedMaxPages, sendPage, type Page, type PaginateContext, type PaginationOptions } from './page.ts';
import { withParam, type ParamTarget } from './request-params.ts';
import { selectFlag, selectItems, selectToken, type ValueSource } from './selectors.ts';

export interface CursorPagination<Item> extends PaginationOptions<Item> {
  /** Where the next token is: `{ body: 'meta.pagination.after' }`, `{ header: 'X-Next-Token' }`, or a function. */
  readonly nextToken: ValueSource;
  /** Where the token goes on the next request: `{ query: 'after' }` or `{ body: 'nextToken' }`. */
  readonly sendToken: ParamTarget;
  /** Optional has-more flag; `false` ends the listing even when a token is present. */
  readonly hasMore?: ValueSource;
  /** A token from a checkpoint to resume from; absent for the first page. */
  readonly start?: string;
  /** Stop on a page without items even when it carries a token (default true). */
  readonly stopOnEmptyPage?: boolean;
}

/**
 * Cursor / next-token pagination. Stops when the token is missing or empty, the has-more flag is false,
 * or (by default) a page is empty; throws `VENDOR_BAD_RESPONSE` when the vendor hands back the token it
 * was just sent, which would loop forever. Each page's `next` is the token to resume from.
 */
export async function* paginateCursor<Item>(ctx: PaginateContext, options: CursorPagination<Item>): AsyncGenerator<Page<Item, string>, void, undefined> {
  let token = options.start;
  for (let index = 0; ; index += 1) {
    const request = token === undefined ? options.request : withParam(options.request, options.sendToken, token);
    const response = await sendPage(ctx, request);
    const items = selectItems(response, options.items);
    const nextToken = selectToken(response, options.nextToken);
    const more = options.hasMore === undefined ? undefined : selectFlag(response, options.hasMore);
    const emptyStop = items.length === 0 && options.stopOnEmptyPage !== false;
    const next = nextToken === null || more === false || emptyStop ? null : nextToken;
    if (next !== null && next === token) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', {
        message: 'The vendor returned the same page token it was sent; paging would never end',
        details: { url: response.url, operation: options.request.operation ?? null },
      });
    }
    yield { items, response, next, index };
    if (next === null || reachedMaxPages(options, index)) return;
    token = next;
  }
}
