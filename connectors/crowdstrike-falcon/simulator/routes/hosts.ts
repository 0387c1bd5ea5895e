import type { HostRecord } from '../../mappers/host.ts';
import { BadRequest, failure, ok, type Answer } from '../answer.ts';
import type { Collection } from '../data/collection.ts';
import { integerParam } from '../fql.ts';
import type { PageTokens } from '../page-tokens.ts';

/** The devices-scroll pointer "expires after 2 minutes" (QueryDevicesByFilterScroll). */
export const SCROLL_LIFETIME_MS = 120_000;
const LISTING = 'devices-scroll';

/**
 * GET /devices/queries/devices-scroll/v1 (https://developer.crowdstrike.com/api-reference/collections/hosts/#querydevicesbyfilterscroll):
 * host ids in device id order, `limit` 1-10000 (default 100), continued with the `offset` pointer of
 * the previous answer; meta.pagination { offset, expires_at, total }. The pointer is handed out on every
 * page, the last included; an expired or foreign one is refused with 400.
 */
export function scrollHosts(query: URLSearchParams, hosts: Collection<HostRecord>, tokens: PageTokens, fault?: 'expire-page-token' | 'empty-page'): Answer {
  const limit = integerParam(query, 'limit', 100, 1, 10_000);
  const pointer = query.get('offset');
  const state = pointer === null ? undefined : tokens.read(pointer, LISTING);
  if (pointer !== null && state === undefined) throw new BadRequest('Invalid offset pointer');
  if (state && fault === 'expire-page-token') tokens.expire(state);
  if (state && tokens.isExpired(state, SCROLL_LIFETIME_MS)) throw new BadRequest('The offset pointer has expired; start the scroll again');
  const list = hosts.byKey();
  const after = state?.after[0];
  const start = after === undefined ? 0 : list.findIndex((h) => h.device_id > after) === -1 ? list.length : list.findIndex((h) => h.device_id > after);
  const page = state !== undefined && fault === 'empty-page' ? [] : list.slice(start, start + limit);
  const last = page.at(-1)?.device_id ?? after ?? '';
  const next = tokens.issue(LISTING, [last]);
  return ok(page.map((h) => h.device_id), { offset: next, limit, total: list.length, expires_at: tokens.expiresAt(SCROLL_LIFETIME_MS) });
}

function idsOf(body: unknown, max: number): string[] {
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw new BadRequest('The body needs ids: a list of device ids');
  if (ids.length > max) throw new BadRequest(`At most ${max} ids per request`);
  return ids as string[];
}

/** POST /devices/entities/devices/v2 (PostDeviceDetailsV2): details of up to 5000 hosts; unknown ids are left out. */
export function getHosts(body: unknown, hosts: Collection<HostRecord>): Answer {
  return ok(idsOf(body, 5000).map((id) => hosts.get(id)).filter((h): h is HostRecord => h !== undefined));
}

const CONTAINMENT = { contain: 'contained', lift_containment: 'normal' } as const;

/**
 * POST /devices/entities/devices-actions/v2?action_name= (PerformActionV2): contain or lift_containment
 * the hosts in `ids`. The simulated sensor applies it at once (Falcon shows containment_pending until the
 * sensor checks in). Repeating an action changes nothing. No known id: 404.
 */
export function hostAction(query: URLSearchParams, body: unknown, hosts: Collection<HostRecord>): Answer {
  const action = query.get('action_name');
  if (action !== 'contain' && action !== 'lift_containment') throw new BadRequest(`Unsupported action_name ${action ?? '(none)'}`);
  const ids = idsOf(body, 100);
  const known = ids.filter((id) => hosts.get(id) !== undefined);
  if (known.length === 0) return failure(404, 'Device(s) not found');
  for (const id of known) {
    if (hosts.get(id)!.status !== CONTAINMENT[action]) hosts.replace(id, (host, now) => ({ ...host, status: CONTAINMENT[action], modified_timestamp: now }));
  }
  return ok(known.map((id) => ({ id, path: '/devices/entities/devices/v2' })));
}
