import { paginateCursor, paginateLink, paginateOffset, paginatePageNumber, type HttpRequest, type Page, type PaginateContext } from '@patchbay/sdk';
import type { HttpJsonConfig } from '../config.ts';
import { expiringTokenContext } from './expired-token.ts';

/** Where a listing resumes: a page token, an offset, a page number or a next-page URL. */
export type PagePosition = string | number;

export interface ListingPage {
  readonly items: readonly unknown[];
  /** Where the listing goes on after this page; null after the last one. */
  readonly next: PagePosition | null;
}

function stringStart(start: PagePosition | undefined): string | undefined {
  return typeof start === 'string' ? start : undefined;
}

function numberStart(start: PagePosition | undefined): number | undefined {
  return typeof start === 'number' ? start : undefined;
}

async function* asListing<State extends PagePosition>(pages: AsyncIterable<Page<unknown, State>>): AsyncGenerator<ListingPage> {
  for await (const page of pages) yield { items: page.items, next: page.next };
}

/**
 * Reads one listing of the configured endpoint page by page, with the configured pagination, from
 * `start` (a position from a checkpoint) or from the first page. `request` carries the path, fixed query
 * and time filters; the paginators add their own parameters.
 */
export function listPages(ctx: PaginateContext, config: HttpJsonConfig, request: HttpRequest, start?: PagePosition): AsyncIterable<ListingPage> {
  const p = config.pagination;
  const items = config.record_path;
  switch (p.type) {
    case 'none':
      return asListing(paginateCursor(ctx, { request, items, nextToken: () => null, sendToken: { query: 'unused' } }));
    case 'cursor': {
      const paging = expiringTokenContext(ctx, (req) => req.query?.[p.cursor_param] !== undefined);
      const first = { ...request, query: { ...request.query, [p.limit_param]: p.page_size } };
      const s = stringStart(start);
      return asListing(
        paginateCursor(paging, {
          request: first,
          items,
          nextToken: { body: p.next_cursor_path },
          sendToken: { query: p.cursor_param },
          stopOnEmptyPage: p.stop_on_empty_page,
          ...(s !== undefined ? { start: s } : {}),
        }),
      );
    }
    case 'offset': {
      const s = numberStart(start);
      return asListing(
        paginateOffset(ctx, {
          request,
          items,
          limit: p.page_size,
          offsetParam: p.offset_param,
          limitParam: p.limit_param,
          ...(p.total_path !== undefined ? { total: { body: p.total_path } } : {}),
          ...(s !== undefined ? { start: s } : {}),
        }),
      );
    }
    case 'page': {
      const s = numberStart(start);
      return asListing(
        paginatePageNumber(ctx, {
          request,
          items,
          pageSize: p.page_size,
          pageParam: p.page_param,
          sizeParam: p.size_param,
          firstPage: p.first_page,
          ...(p.total_pages_path !== undefined ? { totalPages: { body: p.total_pages_path } } : {}),
          ...(s !== undefined ? { start: s } : {}),
        }),
      );
    }
    case 'link': {
      const paging = expiringTokenContext(ctx, (req) => req.url !== request.url);
      const s = stringStart(start);
      return asListing(
        paginateLink(paging, {
          request: { ...request, query: { ...request.query, [p.limit_param]: p.page_size } },
          items,
          stopOnEmptyPage: p.stop_on_empty_page,
          ...(s !== undefined ? { start: s } : {}),
        }),
      );
    }
  }
}

/** Whether positions of this pagination are page tokens or links, which the API may expire. */
export function hasExpiringPositions(config: HttpJsonConfig): boolean {
  return config.pagination.type === 'cursor' || config.pagination.type === 'link';
}
