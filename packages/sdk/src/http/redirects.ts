import { copyRequest, type PreparedRequest } from './prepared-request.ts';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that go along when a redirect leaves the original origin; credentials never do. */
const CROSS_ORIGIN_HEADERS = ['accept', 'accept-language', 'content-type', 'user-agent'];

/**
 * The request for the next hop of a redirect, before auth. 303, and 301/302 after a POST, become a
 * GET without body (as browsers do). Leaving the original origin drops every header but a few
 * harmless ones; the client then also skips auth for that hop.
 */
export function nextHop(previous: PreparedRequest, status: number, location: string, origin: string): PreparedRequest {
  const next = copyRequest(previous);
  next.url = new URL(location, previous.url);
  const toGet = status === 303 ? previous.method !== 'HEAD' : (status === 301 || status === 302) && previous.method === 'POST';
  if (toGet) {
    next.method = 'GET';
    next.body = undefined;
    delete next.headers['content-type'];
  }
  if (next.url.origin !== origin) {
    const kept: Record<string, string> = {};
    for (const name of CROSS_ORIGIN_HEADERS) {
      const value = next.headers[name];
      if (value !== undefined) kept[name] = value;
    }
    next.headers = kept;
  }
  return next;
}
