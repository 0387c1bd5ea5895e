import type { AlertRecord } from '../../mappers/alert.ts';
import { BadRequest, failure, ok, type Answer } from '../answer.ts';
import type { Collection } from '../data/collection.ts';
import { integerParam, rangeOf } from '../fql.ts';

/** GetQueriesAlertsV2: offset + limit may not pass 10 000; limit up to 10 000 (default 100). */
const MAX_WINDOW = 10_000;
const SORTS = new Set(['updated_timestamp|asc', 'updated_timestamp.asc']);

/**
 * GET /alerts/queries/alerts/v2 (https://developer.crowdstrike.com/api-reference/collections/alerts/#getqueriesalertsv2):
 * alert composite ids matching the FQL filter on updated_timestamp, sorted by updated_timestamp
 * ascending (ties by id), paged by offset and limit; meta.pagination { offset, limit, total }.
 */
export function queryAlerts(query: URLSearchParams, alerts: Collection<AlertRecord>): Answer {
  const sort = query.get('sort');
  if (sort !== null && !SORTS.has(sort)) throw new BadRequest(`The simulator sorts by updated_timestamp|asc only, not ${sort}`);
  const offset = integerParam(query, 'offset', 0, 0, MAX_WINDOW);
  const limit = integerParam(query, 'limit', 100, 1, MAX_WINDOW);
  if (offset + limit > MAX_WINDOW) throw new BadRequest(`offset + limit must be at most ${MAX_WINDOW}`);
  const list = alerts.list(rangeOf(query.get('filter'), 'updated_timestamp'));
  return ok(list.slice(offset, offset + limit).map((a) => a.composite_id), { offset, limit, total: list.length });
}

function idsOf(body: unknown, field: string, max: number): string[] {
  const ids = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw new BadRequest(`The body needs ${field}: a list of ids`);
  if (ids.length > max) throw new BadRequest(`At most ${max} ${field} per request`);
  return ids as string[];
}

/**
 * POST /alerts/entities/alerts/v2 (PostEntitiesAlertsV2): up to 1000 composite_ids; unknown ids are left
 * out of resources.
 */
export function getAlerts(body: unknown, alerts: Collection<AlertRecord>): Answer {
  const found = idsOf(body, 'composite_ids', 1000).map((id) => alerts.get(id)).filter((a): a is AlertRecord => a !== undefined);
  return ok(found);
}

const STATUSES = new Set(['new', 'in_progress', 'reopened', 'closed']);

/**
 * PATCH /alerts/entities/alerts/v3 (PatchEntitiesAlertsV3): `composite_ids` and `action_parameters`
 * (update_status, assign_to_uuid, unassign, append_comment). Every change stamps updated_timestamp. No
 * known id: 404.
 */
export function updateAlerts(body: unknown, alerts: Collection<AlertRecord>): Answer {
  const ids = idsOf(body, 'composite_ids', 5000);
  const parameters = (body as { action_parameters?: unknown }).action_parameters;
  if (!Array.isArray(parameters) || parameters.length === 0) throw new BadRequest('The body needs action_parameters');
  for (const p of parameters as { name?: unknown; value?: unknown }[]) {
    if (p.name === 'update_status' && !STATUSES.has(String(p.value))) throw new BadRequest(`Invalid status ${String(p.value)}`);
    if (!['update_status', 'assign_to_uuid', 'unassign', 'append_comment'].includes(String(p.name))) throw new BadRequest(`Unsupported action parameter ${String(p.name)}`);
  }
  const known = ids.filter((id) => alerts.get(id) !== undefined);
  if (known.length === 0) return failure(404, 'Alert(s) not found');
  for (const id of known) {
    alerts.replace(id, (alert, now) => {
      let next: Record<string, unknown> = { ...alert, updated_timestamp: now };
      for (const p of parameters as { name: string; value: string }[]) {
        if (p.name === 'update_status') next.status = p.value;
        if (p.name === 'assign_to_uuid') next = { ...next, assigned_to_uuid: p.value, assigned_to_name: `User ${p.value.slice(0, 8)}` };
        if (p.name === 'unassign') next = Object.fromEntries(Object.entries(next).filter(([k]) => !k.startsWith('assigned_to_')));
        if (p.name === 'append_comment') next.comments = [...((next.comments as unknown[]) ?? []), { value: p.value, timestamp: now }];
      }
      return next as AlertRecord;
    });
  }
  return ok(known);
}
