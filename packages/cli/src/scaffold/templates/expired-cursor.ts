import type { ScaffoldNames } from '../scaffold-names.ts';

export function expiredCursorFile(n: ScaffoldNames): string {
  return `import type { HttpClient, HttpRequest, HttpResponse, PaginateContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** How the API answers a request whose cursor has expired. */
export const EXPIRED_CURSOR_STATUS = 410;

/**
 * A paging context whose requests that carry a cursor turn the API's expired-cursor answer into
 * PAGE_TOKEN_EXPIRED: the engine then restarts the stream from its last checkpoint. A first page
 * answered 410 stays an ordinary vendor error.
 */
export function expiringCursors(ctx: PaginateContext): PaginateContext {
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    if (req.query?.['cursor'] === undefined) return ctx.http.request<T>(req);
    const response = await ctx.http.request<T>({ ...req, acceptStatus: [...(req.acceptStatus ?? []), EXPIRED_CURSOR_STATUS] });
    if (response.status === EXPIRED_CURSOR_STATUS) {
      throw new PatchbayError('PAGE_TOKEN_EXPIRED', { message: \`The ${n.name} API no longer accepts the cursor of \${req.operation ?? 'the listing'} (410)\` });
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
`;
}
