import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, checkNames, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import { oauth2Auth } from '@patchbay/sdk';
import connector from './connector.ts';
import simulator, { startCrowdStrikeSimulator } from './simulator/index.ts';
import { simulatorTokens } from './test-bed.ts';

// The malformed-json check expects no stream to find unchanged records in the run after the broken one,
// which a full-refresh stream that completed in the broken run cannot meet (it re-reads everything). It
// runs once per stream instead, with the simulator announcing data for that stream only (see README).
describeConformance(connector, simulator, { only: checkNames.filter((name) => name !== 'malformed-json') });
for (const stream of ['alerts', 'hosts', 'vulnerabilities'] as const) {
  describeConformance(connector, (options) => startCrowdStrikeSimulator({ ...options, streams: [stream] }), { title: `conformance of crowdstrike-falcon: malformed JSON on ${stream}`, only: ['malformed-json'] });
}

interface Row {
  stream: string;
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; activity_id: number; severity_id: number; device?: { uid?: string } };
}

describe.each(testDatabaseKinds())('crowdstrike-falcon end to end through engine.sync.runNow on %s', (kind) => {
  let hub: InstalledConnector | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await hub?.close();
    hub = undefined;
  });

  async function install() {
    // The declared rate limit paces requests with the clock's sleeps: a clock that moves by itself keeps the test fast.
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    const sim = await startCrowdStrikeSimulator({ pageSize: 3, clock });
    close = () => sim.close();
    const tokens = simulatorTokens(String(sim.configuration.token_url));
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: oauth2Auth({ getToken: tokens.getToken }) });
    hub = installed;
    const sync = async () => {
      clock.advance(60_000);
      return installed.sync();
    };
    const rows = (stream: string) => installed.query<Row>('select stream, external_id, deleted_at, data from records where instance_id = $1 and stream = $2 order by external_id', [installed.instanceId, stream]);
    return { sim, sync, rows, tokens, clock };
  }

  it('syncs the three streams with tokens from the simulated /oauth2/token, then resumes incrementally and detects removed hosts', async () => {
    const { sim, sync, rows, tokens } = await install();
    sim.seed('alerts', { count: 7, equalTimestampsAtBoundary: true });
    sim.seed('hosts', { count: 8 });
    sim.seed('vulnerabilities', { count: 5 });
    const first = await sync();
    expect(first.map((r) => [r.stream, r.status, r.recordsCreated])).toEqual([['alerts', 'completed', 7], ['hosts', 'completed', 8], ['vulnerabilities', 'completed', 5]]);
    expect(tokens.fetched).toBe(1);
    expect((await rows('alerts')).every((r) => r.data.class_uid === 2004)).toBe(true);
    expect((await rows('hosts')).every((r) => r.data.class_uid === 5001 && r.data.device?.uid === r.external_id)).toBe(true);
    expect((await rows('vulnerabilities')).every((r) => r.data.class_uid === 2002)).toBe(true);
    const firstRequests = sim.requests.length;

    sim.mutate!('alerts', { update: 2, create: 1 });
    sim.mutate!('hosts', { update: 1, delete: 2, create: 1 });
    sim.mutate!('vulnerabilities', { update: 1 });
    const second = await sync();
    expect(second.map((r) => [r.stream, r.recordsCreated, r.recordsUpdated, r.recordsDeleted])).toEqual([['alerts', 1, 2, 0], ['hosts', 1, 1, 2], ['vulnerabilities', 0, 1, 0]]);
    const alertQueries = sim.requests.slice(firstRequests).filter((r) => r.path === '/alerts/queries/alerts/v2');
    // Incremental: the second run asks only from the cursor (minus the 5-minute overlap), not from 30 days back.
    const from = Date.parse(/^updated_timestamp:>='([^']+)'/.exec(alertQueries[0]!.query.filter!)![1]!);
    expect(from).toBeGreaterThan(Date.parse('2026-04-30T23:50:00Z'));
    expect(from).toBeLessThan(Date.parse('2026-05-01T00:00:00Z'));
    expect((await rows('hosts')).filter((r) => r.deleted_at !== null)).toHaveLength(2);
    const closed = (await rows('vulnerabilities')).find((r) => r.data.activity_id === 3);
    expect(closed).toBeDefined();

    const idle = await sync();
    expect(idle.map((r) => [r.stream, r.recordsCreated, r.recordsUpdated, r.recordsDeleted])).toEqual([['alerts', 0, 0, 0], ['hosts', 0, 0, 0], ['vulnerabilities', 0, 0, 0]]);
  });
});
