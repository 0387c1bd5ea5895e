import { reachedMaxPages, sendPage, type Page, type PaginateContext, type PaginationOptions } from './page.ts';
import { withParams } from './request-params.ts';
import { selectCount, selectItems, type ValueSource } from './selectors.ts';

export interface PageNumberPagination<Item> extends PaginationOptions<Item> {
  readonly pageSize: number;
  /** Default `page`. */
  readonly pageParam?: string;
  /** Default `per_page`; null when the vendor takes no page size. */
  readonly sizeParam?: string | null;
  /** Number of the first page (default 1). */
  readonly firstPage?: number;
  /** Where the parameters go (default `query`). */
  readonly in?: 'query' | 'body';
  /** Page number to resume from. */
  readonly start?: number;
  /** The vendor's page count; when given, paging stops at the last page instead of on a short page. */
  readonly totalPages?: ValueSource;
}

/**
 * Page-number pagination. Stops on an empty page, at the page count when known, and otherwise on a
 * page shorter than `pageSize`. Each page's `next` is the page number to resume from.
 */
export async function* paginatePageNumber<Item>(
  ctx: PaginateContext,
  options: PageNumberPagination<Item>,
): AsyncGenerator<Page<Item, number>, void, undefined> {
  const pageParam = options.pageParam ?? 'page';
  const sizeParam = options.sizeParam === undefined ? 'per_page' : options.sizeParam;
  const firstPage = options.firstPage ?? 1;
  let page = options.start ?? firstPage;
  for (let index = 0; ; index += 1) {
    const params = sizeParam === null ? { [pageParam]: page } : { [pageParam]: page, [sizeParam]: options.pageSize };
    const response = await sendPage(ctx, withParams(options.request, options.in ?? 'query', params));
    const items = selectItems(response, options.items);
    const totalPages = options.totalPages === undefined ? undefined : selectCount(response, options.totalPages);
    const last = items.length === 0 || (totalPages === undefined ? items.length < options.pageSize : page - firstPage + 1 >= totalPages);
    const next = last ? null : page + 1;
    yield { items, response, next, index };
    if (next === null || reachedMaxPages(options, index)) return;
    page = next;
  }
}
