import type { SimulatedAccount } from './account.ts';
import { invalidInput, ok, restError, type Answer } from './answers.ts';
import type { SimIncident } from './incident-states.ts';

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = 183 * DAY_MS;
const MAX_LISTED = 10_000;
const SORTABLE = new Set(['incident_number', 'created_at', 'resolved_at', 'urgency']);

function compare(field: string, a: SimIncident, b: SimIncident): number {
  const x = a[field];
  const y = b[field];
  if (x === y) return 0;
  if (x === undefined || x === null) return 1;
  if (y === undefined || y === null) return -1;
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

/** `sort_by=created_at:asc,incident_number:desc` (at most two fields); ties by id keep offsets stable. */
function sorter(sortBy: string | null): ((a: SimIncident, b: SimIncident) => number) | string {
  const keys = (sortBy ?? 'created_at:asc').split(',').map((part) => part.trim().split(':'));
  if (keys.length > 2 || keys.some(([field, dir]) => !SORTABLE.has(field ?? '') || (dir !== undefined && dir !== 'asc' && dir !== 'desc'))) return `sort_by ${sortBy} is not a valid sort`;
  return (a, b) => {
    for (const [field, dir] of keys) {
      const order = compare(field!, a, b) * (dir === 'desc' ? -1 : 1);
      if (order !== 0) return order;
    }
    return a.id.localeCompare(b.id);
  };
}

/**
 * GET /incidents (https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents): filters
 * `since`/`until` on the creation time (default the last month; at most 6 months apart; ignored with
 * `date_range=all`), `statuses[]`, `service_ids[]`, `incident_key`; `sort_by`; classic pagination
 * (https://developer.pagerduty.com/docs/rest-api-v2/pagination/): limit (default 25, at most 100),
 * offset, `more`, and `total` only when asked; offset + limit above 10000 is refused.
 */
export function listIncidents(account: SimulatedAccount, query: URLSearchParams, nowMs: number): Answer {
  const limit = Math.min(Number(query.get('limit') ?? 25), 100);
  const offset = Number(query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) return invalidInput('limit and offset must be non-negative integers');
  if (offset + limit > MAX_LISTED) return invalidInput(`Offset must be less than ${MAX_LISTED}`);
  const sort = sorter(query.get('sort_by'));
  if (typeof sort === 'string') return invalidInput(sort);
  let items = [...account.incidents.values()];
  if (query.get('date_range') !== 'all') {
    const until = query.has('until') ? Date.parse(query.get('until')!) : nowMs;
    const since = query.has('since') ? Date.parse(query.get('since')!) : until - 30 * DAY_MS;
    if (Number.isNaN(since) || Number.isNaN(until)) return restError(400, 2004, "Invalid time values in 'since' and/or 'until' parameters");
    if (until < since || until - since > MAX_RANGE_MS) return restError(400, 2005, 'Invalid Query Date Range');
    items = items.filter((i) => Date.parse(i.created_at) >= since && Date.parse(i.created_at) < until);
  }
  const statuses = query.getAll('statuses[]');
  if (statuses.length > 0) items = items.filter((i) => statuses.includes(String(i.status)));
  const services = query.getAll('service_ids[]');
  if (services.length > 0) items = items.filter((i) => services.includes(i.service?.id ?? ''));
  const key = query.get('incident_key');
  if (key !== null) items = items.filter((i) => i.incident_key === key);
  items.sort(sort);
  const page = items.slice(offset, offset + limit);
  return ok({ incidents: page, limit, offset, more: offset + limit < items.length, total: query.get('total') === 'true' ? items.length : null });
}
