import type { HttpClient, HttpRequest, HttpResponse, PaginateContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/**
 * The status this connector reads as "page token expired" on a continuation request. CrowdStrike
 * documents that the devices-scroll `offset` pointer expires after two minutes
 * (https://developer.crowdstrike.com/api-reference/collections/hosts/, QueryDevicesByFilterScroll) but not
 * the answer; its gateway refuses an unusable pagination token with 400 (see the README, "Quirks").
 */
export const EXPIRED_TOKEN_STATUS = 400;

/**
 * A paging context whose client turns a 400 on a request carrying the page token `param` into
 * PAGE_TOKEN_EXPIRED; the engine then restarts the stream from its last checkpoint. A 400 on a first
 * page stays an ordinary VENDOR_REQUEST_REJECTED (a bad filter, say).
 */
export function expiringTokenContext(ctx: PaginateContext, param: string): PaginateContext {
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    const token = req.query?.[param];
    if (token === undefined || token === null || token === '') return ctx.http.request<T>(req);
    const response = await ctx.http.request<T>({ ...req, acceptStatus: [...(req.acceptStatus ?? []), EXPIRED_TOKEN_STATUS] });
    if (response.status === EXPIRED_TOKEN_STATUS) {
      throw new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `CrowdStrike no longer accepts the ${param} token of ${req.operation ?? 'the listing'} (400)` });
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
