import type { Mutation } from '@patchbay/conformance';
import type { SimulatedAccount } from './account.ts';
import { acknowledge, pdTime, resolve } from './incident-states.ts';

const SPACING_MS = 10 * 60_000;
const STATUSES = ['triggered', 'acknowledged', 'resolved'] as const;

/**
 * Adds `count` incidents created 10 minutes apart before now, in turn triggered, acknowledged (2 minutes
 * after creation) and resolved (5 minutes after), each with its own dedup key. With `boundaryEvery`, the
 * last incident of each page of that size and the first of the next share one creation time.
 */
export function seedIncidents(account: SimulatedAccount, count: number, boundaryEvery?: number): void {
  const service = account.services[0]!;
  const now = account.clock.now().getTime();
  const agent = account.userRef(account.users[0]!);
  let previous = 0;
  for (let i = 0; i < count; i += 1) {
    const sharing = boundaryEvery !== undefined && i > 0 && i % boundaryEvery === 0;
    const created = sharing ? previous : now - (count - i) * SPACING_MS;
    previous = created;
    const status = STATUSES[i % STATUSES.length]!;
    const incident = account.open(service, `Seeded finding ${account.incidents.size + 1}`, `seed-${account.incidents.size + 1}`, i % 2 === 0 ? 'critical' : 'warning', pdTime(created));
    if (status === 'acknowledged') acknowledge(incident, pdTime(created + 2 * 60_000), agent);
    if (status === 'resolved') resolve(incident, pdTime(created + 5 * 60_000), agent);
  }
}

/**
 * Changes between runs: `create` new incidents now (triggers), `update` the oldest open incidents one step
 * further (triggered → acknowledged, acknowledged → resolved) now. Incidents are never deleted in
 * PagerDuty, so `delete` is refused.
 */
export function mutateIncidents(account: SimulatedAccount, change: Mutation): void {
  if ((change.delete ?? 0) > 0) throw new Error('PagerDuty incidents cannot be deleted: the simulator has no deletion to make');
  const agent = account.userRef(account.users[0]!);
  const open = account.sorted().filter((i) => i.status !== 'resolved');
  if (open.length < (change.update ?? 0)) throw new Error(`The simulator has ${open.length} open incidents, fewer than the ${change.update} to update`);
  for (const incident of open.slice(0, change.update ?? 0)) account.move(incident, incident.status === 'triggered' ? 'acknowledged' : 'resolved', agent);
  for (let i = 0; i < (change.create ?? 0); i += 1) {
    const n = account.incidents.size + 1;
    account.open(account.services[0]!, `New finding ${n}`, `new-${n}`, 'error');
  }
}
