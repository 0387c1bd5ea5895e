import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorContext } from '@patchbay/sdk';
import connector from '../connector.ts';
import type { PagerDutyConfig } from '../config.ts';
import { mapIncident } from '../mappers/incident.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { meta } from '../mappers/test-support.ts';
import { pdTime } from '../simulator/incident-states.ts';
import { testBed, type TestBed } from '../testing/test-bed.ts';
import type { IncidentsCheckpoint } from './incident-checkpoint.ts';
import { incidents } from './incidents.ts';

const DAY = 86_400_000;

/** One run of the stream: the records it yields and the checkpoint it ends with. */
async function run(ctx: ConnectorContext<PagerDutyConfig>, checkpoint?: IncidentsCheckpoint) {
  const records: PagerDutyIncident[] = [];
  let last: IncidentsCheckpoint | undefined;
  for await (const page of incidents.fetch(ctx, checkpoint)) {
    records.push(...page.records);
    last = page.checkpoint;
  }
  return { records, checkpoint: last! };
}

describe('the incidents stream', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('reads the last start_days by creation window, plus every older incident still open (statuses[] over all dates)', async () => {
    bed = await testBed();
    const { sim, clock } = bed;
    const now = clock.now().getTime();
    const service = sim.account.services[0]!;
    const agent = sim.account.userRef(sim.account.users[0]!);
    const oldOpen = sim.account.open(service, 'Old but open', 'old-open', 'critical', pdTime(now - 60 * DAY));
    const oldResolved = sim.account.open(service, 'Old and resolved', 'old-resolved', 'critical', pdTime(now - 50 * DAY));
    sim.account.move(oldResolved, 'resolved', agent, pdTime(now - 49 * DAY));
    sim.seed('incidents', { count: 4 });
    const ctx = bed.context({ window_days: 10 });
    const first = await run(ctx);
    expect(first.records.map((r) => r.id).sort()).toEqual([oldOpen.id, ...sim.account.sorted().slice(2).map((i) => i.id)].sort());
    const listings = sim.requests.filter((r) => r.path === '/incidents');
    expect(listings[0]!.query).toMatchObject({ date_range: 'all', 'statuses[]': 'acknowledged', sort_by: 'created_at:asc', time_zone: 'UTC' });
    expect(listings.slice(1).map((r) => [r.query.since, r.query.until])).toEqual([
      [pdTime(now - 30 * DAY).replace('Z', '.000Z'), new Date(now - 20 * DAY).toISOString()],
      [new Date(now - 20 * DAY).toISOString(), new Date(now - 10 * DAY).toISOString()],
      [new Date(now - 10 * DAY).toISOString(), new Date(now).toISOString()],
    ]);
    // The oldest open incident bounds the next run's window; the cursor is the latest status change read.
    expect(first.checkpoint).toEqual({ cursor: sim.account.sorted().at(-1)!.last_status_change_at!.replace('Z', '.000Z'), since: oldOpen.created_at, run: null });
    const idle = await run(ctx, first.checkpoint);
    expect(idle.records).toEqual([]);
  });

  it('yields incidents whose status changed since the last run, a reopened old incident included, then its resolution', async () => {
    bed = await testBed();
    const { sim, clock } = bed;
    const now = clock.now().getTime();
    const agent = sim.account.userRef(sim.account.users[0]!);
    const old = sim.account.open(sim.account.services[0]!, 'Resolved long ago', 'old', 'error', pdTime(now - 20 * DAY));
    sim.account.move(old, 'resolved', agent, pdTime(now - 19 * DAY));
    sim.seed('incidents', { count: 3 });
    const ctx = bed.context();
    const first = await run(ctx);
    expect(first.records).toHaveLength(4);
    clock.advance(3_600_000);
    // Later the first run's oldest open seed moves on, and the old incident is reopened by a responder.
    const [seed] = sim.account.sorted().filter((i) => i.status === 'triggered');
    await sim.acknowledge(seed!.id);
    await sim.reopen(old.id);
    clock.advance(300_000);
    const second = await run(ctx, first.checkpoint);
    expect(second.records.map((r) => [r.id, r.status]).sort()).toEqual([[old.id, 'triggered'], [seed!.id, 'acknowledged']].sort());
    expect(second.checkpoint.since).toBe(old.created_at);
    clock.advance(3_600_000);
    await sim.resolve(old.id);
    clock.advance(300_000);
    // (The clock moves on before each run: changes within a minute of a run's start are read again by the next
    // run, in case PagerDuty's clock lags the hub's.)
    const third = await run(ctx, second.checkpoint);
    expect(third.records.map((r) => [r.id, r.status])).toEqual([[old.id, 'resolved']]);
    // Each record is the ticket the engine follows: keyed by the incident id, its status read back by statusOf.
    for (const record of [...first.records, ...second.records, ...third.records]) {
      expect(connector.ticket!.statusOf(mapIncident(record, meta))).toBe(record.status);
      expect(record.id).toMatch(/^Q/);
    }
  });

  it('restricts the listings to service_ids, and refuses a window larger than PagerDuty pages (offset + limit over 10000)', async () => {
    bed = await testBed();
    const { sim, clock } = bed;
    sim.seed('incidents', { count: 2 });
    const other = sim.account.addService('Other', 'high');
    sim.account.open(other, 'On another service', 'other-1', 'critical', pdTime(clock.now().getTime() - 60_000 * 30));
    const only = await run(bed.context({ service_ids: [sim.serviceId] }));
    expect(only.records).toHaveLength(2);
    expect(sim.requests.filter((r) => r.path === '/incidents').every((r) => r.query['service_ids[]'] === sim.serviceId)).toBe(true);
    const at = new Date(clock.now().getTime()).toISOString();
    const stuck: IncidentsCheckpoint = { cursor: null, since: at, run: { until: at, since: at, phase: 'windows', window: new Date(clock.now().getTime() - DAY).toISOString(), offset: 9_998, newest: null, oldest_open: null } };
    await expect(run(bed.context(), stuck)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'window_days' });
  });
});
