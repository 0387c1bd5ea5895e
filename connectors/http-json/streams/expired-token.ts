import type { HttpClient, HttpRequest, HttpResponse, PaginateContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** The answer this connector reads as "your page token expired" (documented in the README). */
export const EXPIRED_TOKEN_STATUS = 410;

/**
 * A paging context whose client turns a 410 Gone on a continuation request (one that carries a page
 * token or follows a link) into PAGE_TOKEN_EXPIRED, which makes the engine restart the stream from its
 * last checkpoint. On a first page a 410 stays an ordinary vendor error.
 */
export function expiringTokenContext(ctx: PaginateContext, isContinuation: (request: HttpRequest) => boolean): PaginateContext {
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    if (!isContinuation(req)) return ctx.http.request<T>(req);
    const response = await ctx.http.request<T>({ ...req, acceptStatus: [...(req.acceptStatus ?? []), EXPIRED_TOKEN_STATUS] });
    if (response.status === EXPIRED_TOKEN_STATUS) {
      throw new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `The API no longer accepts the page token for ${req.operation ?? 'the listing'} (410)` });
    }
    return response;
  };
  const http: HttpClient = {
    request,
    get: (url, options = {}) => request({ ...options, url, method: 'GET' }),
    post: (url, body, options = {}) => request({ ...options, url, method: 'POST', body }),
  };
  return { http, ...(ctx.signal ? { signal: ctx.signal } : {}) };
}
