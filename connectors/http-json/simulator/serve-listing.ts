import type { Dataset, SimulatedRecord } from './dataset.ts';
import type { PageTokens, TokenState } from './page-tokens.ts';

export type PagingMode = 'cursor' | 'offset' | 'page' | 'link';

export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface ListingRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly mode: PagingMode;
  readonly newestFirst: boolean;
  /** A page fault the suite injected for this request. */
  readonly fault?: 'expire-page-token' | 'empty-page';
}

const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_LIMIT = 1000;

class BadRequest extends Error {}

function time(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!ZONED_TIME.test(value)) throw new BadRequest(`${name} must be an RFC 3339 date-time with a zone`);
  return Date.parse(value);
}

function integer(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** Index of the first record served after `state.after` in the listing's order. */
function startAfter(list: readonly SimulatedRecord[], state: TokenState, newestFirst: boolean): number {
  const [at, id] = state.after;
  const index = list.findIndex((r) => {
    const later = r.updated_at > at || (r.updated_at === at && r.id > id);
    const earlier = r.updated_at < at || (r.updated_at === at && r.id < id);
    return newestFirst ? earlier : later;
  });
  return index === -1 ? list.length : index;
}

function linkTo(request: ListingRequest, token: string): string {
  const query = new URLSearchParams(request.query);
  query.set('cursor', token);
  return `<${request.path}?${query.toString()}>; rel="next"`;
}

function tokenPage(request: ListingRequest, list: readonly SimulatedRecord[], tokens: PageTokens, limit: number): Answer {
  const token = request.query.get('cursor');
  const state = token === null ? undefined : tokens.read(token);
  if (token !== null && state === undefined) return { status: 400, body: { error: 'invalid_cursor', message: 'cursor is not a token this API issued' } };
  if (state && request.fault === 'expire-page-token') tokens.expire(state);
  if (state && tokens.isExpired(state)) return { status: 410, body: { error: 'cursor_expired', message: 'the page token has expired; start the listing again' } };
  const start = state ? startAfter(list, state, request.newestFirst) : 0;
  const empty = state !== undefined && request.fault === 'empty-page';
  const data = empty ? [] : list.slice(start, start + limit);
  const last = data.at(-1);
  const next = empty ? tokens.issue(state.after) : last && start + limit < list.length ? tokens.issue([last.updated_at, last.id]) : null;
  if (request.mode === 'link') return { status: 200, body: { data }, ...(next ? { headers: { link: linkTo(request, next) } } : {}) };
  return { status: 200, body: { data, next_cursor: next } };
}

/**
 * GET /records in the simulator's paging mode: records filtered by `since`/`until` (inclusive, on
 * updated_at), ordered by (updated_at, id), oldest first unless the simulated API lists newest first.
 */
export function serveListing(request: ListingRequest, dataset: Dataset, tokens: PageTokens): Answer {
  try {
    const since = time(request.query, 'since');
    const until = time(request.query, 'until');
    const list = dataset.list({ ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}), newestFirst: request.newestFirst });
    if (request.mode === 'offset') {
      const offset = integer(request.query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = integer(request.query, 'limit', 100, 1, MAX_LIMIT);
      return { status: 200, body: { data: list.slice(offset, offset + limit), total: list.length } };
    }
    if (request.mode === 'page') {
      const page = integer(request.query, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
      const perPage = integer(request.query, 'per_page', 100, 1, MAX_LIMIT);
      return { status: 200, body: { data: list.slice((page - 1) * perPage, page * perPage), total_pages: Math.ceil(list.length / perPage) } };
    }
    return tokenPage(request, list, tokens, integer(request.query, 'limit', 100, 1, MAX_LIMIT));
  } catch (error) {
    if (error instanceof BadRequest) return { status: 400, body: { error: 'invalid_request', message: error.message } };
    throw error;
  }
}
