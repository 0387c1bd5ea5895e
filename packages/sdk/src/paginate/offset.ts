import { reachedMaxPages, sendPage, type Page, type PaginateContext, type PaginationOptions } from './page.ts';
import { withParams } from './request-params.ts';
import { selectCount, selectItems, type ValueSource } from './selectors.ts';

export interface OffsetPagination<Item> extends PaginationOptions<Item> {
  /** Items asked for per page. */
  readonly limit: number;
  /** Default `offset`. */
  readonly offsetParam?: string;
  /** Default `limit`; null when the vendor takes no page size. */
  readonly limitParam?: string | null;
  /** Where the parameters go (default `query`). */
  readonly in?: 'query' | 'body';
  /** Offset to resume from (default 0). */
  readonly start?: number;
  /** The vendor's total count; when given, paging stops at the total instead of on a short page. */
  readonly total?: ValueSource;
}

/**
 * Offset-limit pagination. The next offset advances by the items actually received (vendors that cap
 * the page size below `limit` lose nothing). Stops on an empty page, at the total when known, and
 * otherwise on a page shorter than `limit`. Each page's `next` is the offset to resume from.
 */
export async function* paginateOffset<Item>(ctx: PaginateContext, options: OffsetPagination<Item>): AsyncGenerator<Page<Item, number>, void, undefined> {
  const offsetParam = options.offsetParam ?? 'offset';
  const limitParam = options.limitParam === undefined ? 'limit' : options.limitParam;
  let offset = options.start ?? 0;
  for (let index = 0; ; index += 1) {
    const params = limitParam === null ? { [offsetParam]: offset } : { [offsetParam]: offset, [limitParam]: options.limit };
    const response = await sendPage(ctx, withParams(options.request, options.in ?? 'query', params));
    const items = selectItems(response, options.items);
    const total = options.total === undefined ? undefined : selectCount(response, options.total);
    const reached = offset + items.length;
    const last = items.length === 0 || (total === undefined ? items.length < options.limit : reached >= total);
    const next = last ? null : reached;
    yield { items, response, next, index };
    if (next === null || reachedMaxPages(options, index)) return;
    offset = next;
  }
}
