import type { Answer } from './answers.ts';
import { badRequest } from './answers.ts';
import type { Dataset } from './dataset.ts';

export class ODataRequestError extends Error {
  readonly answer: Answer;
  constructor(answer: Answer) {
    super('bad OData request');
    this.answer = answer;
  }
}

const DATETIME = '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,7})?)?(?:Z|[+-]\\d{2}:\\d{2}))';
const CLAUSE = new RegExp(`^lastUpdateDateTime (ge|gt|le|lt) ${DATETIME}$`);

/**
 * The `$filter` the Graph security collections take on lastUpdateDateTime: comparisons (`ge`, `gt`, `le`,
 * `lt`) with unquoted DateTimeOffset literals, joined by `and`
 * (https://learn.microsoft.com/en-us/graph/filter-query-parameter). Anything else is Graph's 400 BadRequest.
 */
export function parseUpdatedFilter(filter: string | null): { from?: number; to?: number } {
  if (filter === null || filter.trim() === '') return {};
  let from: number | undefined;
  let to: number | undefined;
  for (const clause of filter.trim().split(/\s+and\s+/i)) {
    const match = CLAUSE.exec(clause.trim());
    if (!match) throw new ODataRequestError(badRequest('BadRequest', `Invalid filter clause: ${clause.slice(0, 80)}`));
    const ms = Date.parse(match[2]!);
    if (match[1] === 'ge') from = Math.max(from ?? ms, ms);
    if (match[1] === 'gt') from = Math.max(from ?? ms + 1, ms + 1);
    if (match[1] === 'le') to = Math.min(to ?? ms, ms);
    if (match[1] === 'lt') to = Math.min(to ?? ms - 1, ms - 1);
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** A whole-number query parameter within [min, max]; 400 otherwise. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ODataRequestError(badRequest('BadRequest', `Invalid value '${value.slice(0, 20)}' for query parameter ${name}; expected ${min} to ${max}`));
  return n;
}

/** Opaque skip tokens: an offset and a serial, so the empty page the suite injects links onwards with a new token. */
export class SkipTokens {
  #serial = 0;

  issue(offset: number): string {
    return Buffer.from(JSON.stringify([offset, ++this.#serial]), 'utf8').toString('base64url');
  }

  offsetOf(token: string): number {
    try {
      const [offset] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown];
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    } catch {
      // not one of ours: answered below
    }
    throw new ODataRequestError(badRequest('BadRequest', 'The $skiptoken is not valid.'));
  }
}

export interface CollectionPage {
  /** The request URL as the client sent it (origin and path), to build the next link on. */
  readonly url: URL;
  readonly items: readonly unknown[];
  readonly offset: number;
  readonly size: number;
  readonly total: number;
  /** How the next link pages: `$skip` (an offset) or `$skiptoken` (opaque). */
  readonly paging: '$skip' | '$skiptoken';
  readonly tokens: SkipTokens;
  readonly empty?: boolean;
  readonly context: string;
}

/** `{ "@odata.context", value, "@odata.nextLink" }`: the next link repeats the request's query with the next position. */
export function collectionAnswer(page: CollectionPage): Answer {
  const end = page.offset + page.size;
  const value = page.empty ? [] : page.items;
  let nextLink: string | undefined;
  if (page.empty || end < page.total) {
    const next = new URL(page.url);
    next.searchParams.delete('$skip');
    next.searchParams.delete('$skiptoken');
    const position = page.empty ? page.offset : end;
    next.searchParams.set(page.paging, page.paging === '$skip' ? String(position) : page.tokens.issue(position));
    nextLink = next.toString();
  }
  return { status: 200, body: { '@odata.context': page.context, value, ...(nextLink ? { '@odata.nextLink': nextLink } : {}) } };
}

/** The position a request starts at: `$skip`, or the offset in its `$skiptoken`. */
export function startOf(query: URLSearchParams, tokens: SkipTokens): number {
  const token = query.get('$skiptoken');
  return token === null ? intParam(query, '$skip', 0, 0, Number.MAX_SAFE_INTEGER) : tokens.offsetOf(token);
}

export type AnyDataset = Dataset<Record<string, unknown>>;
