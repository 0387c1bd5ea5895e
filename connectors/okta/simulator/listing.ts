import type { Answer } from './okta-errors.ts';
import { badRequest } from './okta-errors.ts';

/** Reads `limit`: an integer of at least 1; above the endpoint's maximum Okta serves the maximum. */
export function limitOf(query: URLSearchParams, fallback: number, max: number): number | Answer {
  const value = query.get('limit');
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) return badRequest('limit: must be a positive integer');
  return Math.min(n, max);
}

/** `<url>; rel="next"` for the same request with a new `after` cursor, as an absolute URL (Okta sends absolute links). */
export function linkWithAfter(origin: string, path: string, query: URLSearchParams, after: string, rel: string): string {
  const next = new URLSearchParams(query);
  next.set('after', after);
  return `<${origin}${path}?${next.toString()}>; rel="${rel}"`;
}

/**
 * One page of a directory collection with Okta's cursor pagination (https://developer.okta.com/docs/api/#pagination):
 * items after the `after` id, `limit` of them, a `self` link and a `next` link while there are more.
 */
export function pageOf<T extends { id: string }>(items: readonly T[], origin: string, path: string, query: URLSearchParams, fallback: number, max: number): Answer {
  const limit = limitOf(query, fallback, max);
  if (typeof limit !== 'number') return limit;
  const after = query.get('after');
  const start = after === null ? 0 : items.findIndex((item) => item.id > after);
  const from = start === -1 ? items.length : start;
  const page = items.slice(from, from + limit);
  const links = [`<${origin}${path}${query.size > 0 ? `?${query.toString()}` : ''}>; rel="self"`];
  if (from + limit < items.length && page.length > 0) links.push(linkWithAfter(origin, path, query, page.at(-1)!.id, 'next'));
  return { status: 200, headers: { link: links.join(', ') }, body: page };
}
