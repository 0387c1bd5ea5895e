import type { HttpClient, HttpRequest, HttpResponse } from '../http/types.ts';
import type { ItemsSelector } from './selectors.ts';

/** What a paginator needs from the connector context (`ctx` itself fits). */
export interface PaginateContext {
  readonly http: HttpClient;
  readonly signal?: AbortSignal;
}

/** One page: its items, the raw response, and where to resume after it. */
export interface Page<Item, State> {
  readonly items: readonly Item[];
  readonly response: HttpResponse;
  /** The state to resume from after this page (put it in the checkpoint); null when this was the last page. */
  readonly next: State | null;
  /** 0-based position of the page in this run. */
  readonly index: number;
}

export interface PaginationOptions<Item> {
  /** The first page's request; paginators add their parameters to a copy. */
  readonly request: HttpRequest;
  readonly items: ItemsSelector<Item>;
  /**
   * Stop after this many pages in one run. The last page's `next` then still says where to resume,
   * so a stream can spread a long backfill over several runs.
   */
  readonly maxPages?: number;
}

/** Sends one page request with the context's cancellation signal. */
export async function sendPage(ctx: PaginateContext, request: HttpRequest): Promise<HttpResponse> {
  ctx.signal?.throwIfAborted();
  const signal = request.signal ?? ctx.signal;
  return ctx.http.request(signal === undefined ? request : { ...request, signal });
}

/** Whether `maxPages` is reached after yielding page number `index` (0-based). */
export function reachedMaxPages(options: PaginationOptions<unknown>, index: number): boolean {
  return options.maxPages !== undefined && index + 1 >= options.maxPages;
}
