import type { OktaLogEvent } from '../mappers/okta-types.ts';
import { badRequest, type Answer } from './okta-errors.ts';
import { limitOf, linkWithAfter } from './listing.ts';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const EVENT_TYPE_FILTER = /^eventType (eq|sw) "([^"]+)"$/;

function timeOf(query: URLSearchParams, name: string): number | undefined | Answer {
  const value = query.get(name);
  if (value === null) return undefined;
  return ZONED.test(value) ? Date.parse(value) : badRequest(`${name}: must be an ISO 8601 timestamp`);
}

/**
 * GET /api/v1/logs (https://developer.okta.com/docs/reference/api/system-log/#list-events and
 * https://developer.okta.com/docs/reference/system-log-query/): `since` (default 7 days before now),
 * `until`, `limit` (default 100, at most 1000), `sortOrder` ASCENDING or DESCENDING, `filter` on eventType
 * (eq, sw), and the opaque `after` cursor. A polling request (no `until`, ascending) always gets a next
 * link, even on an empty page, so it can be followed later; a bounded one only while there are more.
 */
export function serveLogs(events: readonly OktaLogEvent[], origin: string, query: URLSearchParams, nowMs: number): Answer {
  const since = timeOf(query, 'since');
  const until = timeOf(query, 'until');
  if (typeof since === 'object') return since;
  if (typeof until === 'object') return until;
  const limit = limitOf(query, 100, 1000);
  if (typeof limit !== 'number') return limit;
  const order = query.get('sortOrder') ?? 'ASCENDING';
  if (order !== 'ASCENDING' && order !== 'DESCENDING') return badRequest('sortOrder: must be ASCENDING or DESCENDING');
  const filter = query.get('filter');
  const match = filter === null ? null : EVENT_TYPE_FILTER.exec(filter);
  if (filter !== null && match === null) return badRequest('filter: the simulator supports eventType eq "..." and eventType sw "..."');
  const from = since ?? nowMs - 7 * 86_400_000;
  let list = events.filter((e) => {
    const at = Date.parse(e.published);
    if (at < from || (until !== undefined && at >= until)) return false;
    return !match || (match[1] === 'eq' ? e.eventType === match[2] : e.eventType.startsWith(match[2]!));
  });
  if (order === 'DESCENDING') list = list.reverse();
  const after = query.get('after');
  let start = 0;
  if (after !== null) {
    const uuid = Buffer.from(after, 'base64url').toString('utf8');
    const index = list.findIndex((e) => e.uuid === uuid);
    if (index === -1 && !events.some((e) => e.uuid === uuid)) return badRequest('after: not a cursor of this log');
    start = index + 1;
  }
  const page = list.slice(start, start + limit);
  const polling = until === undefined && order === 'ASCENDING';
  const cursor = page.at(-1)?.uuid ?? (after === null ? undefined : Buffer.from(after, 'base64url').toString('utf8'));
  const links = [`<${origin}/api/v1/logs?${query.toString()}>; rel="self"`];
  if (cursor !== undefined && (polling || start + limit < list.length)) links.push(linkWithAfter(origin, '/api/v1/logs', query, Buffer.from(cursor).toString('base64url'), 'next'));
  else if (cursor === undefined && polling) links.push(`<${origin}/api/v1/logs?${query.toString()}>; rel="next"`);
  return { status: 200, headers: { link: links.join(', ') }, body: page };
}
