import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import { apiKeyAuth } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from './connector.ts';
import simulator, { startTenableSimulator, type TenableSimulatorHandle } from './simulator/index.ts';

// All three streams against one simulated container. The malformed-JSON check needs one data stream
// per run (a full refresh that completed beside the broken stream reads everything again), so it runs
// per export stream below; the scans listing is one request per run, covered in streams/scans.test.ts.
describeConformance(connector, simulator, { only: ['declaration', 'json-schemas', 'full-sync', 'ocsf-mapping', 'checkpoint-round-trip', 'changes-between-runs', 'restart-mid-sync', 'rate-limit-retry-after', 'unauthorized-refresh', 'server-error-burst', 'page-token-expired', 'equal-timestamps-at-boundary', 'newest-first', 'empty-page', 'contract'] });

for (const stream of ['vulnerabilities', 'assets'] as const) {
  describeConformance(connector, (options) => startTenableSimulator({ ...options, streams: [stream] }), {
    title: `conformance of tenable-vm, ${stream} alone`,
    only: ['malformed-json'],
  });
}

interface Row {
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; status_id?: number; unmapped?: Record<string, unknown> };
}

const keys = apiKeyAuth({ in: 'header', name: 'X-ApiKeys', value: new Secret('accessKey=ak-test; secretKey=sk-test;') });

describe.each(testDatabaseKinds())('tenable-vm end to end through engine.sync.runNow on %s', (kind) => {
  let test: InstalledConnector | undefined;
  let sim: TenableSimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    await test?.close();
    test = sim = undefined;
  });

  async function install() {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startTenableSimulator({ pageSize: 5, clock });
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: keys });
    test = installed;
    const sync = async () => {
      clock.advance(60_000);
      return installed.sync();
    };
    const rows = (stream: string) =>
      installed.query<Row>('select external_id, deleted_at, data from records where instance_id = $1 and stream = $2 order by external_id', [installed.instanceId, stream]);
    return { sim, sync, rows };
  }

  it('exports vulnerabilities incrementally with since, closes fixed findings, and keeps the asset inventory with deletions', async () => {
    const { sim, sync, rows } = await install();
    sim.seed('vulnerabilities', { count: 12 });
    sim.seed('assets', { count: 7 });
    sim.seed('scans', { count: 6 });
    const first = await sync();
    expect(first.map((r) => [r.stream, r.status, r.recordsCreated])).toEqual([
      ['vulnerabilities', 'completed', 12],
      ['assets', 'completed', 7],
      ['scans', 'completed', 6],
    ]);
    const firstExport = sim.requests.find((r) => r.method === 'POST' && r.path === '/vulns/export');
    expect(firstExport).toBeDefined();
    expect((await rows('vulnerabilities')).every((r) => r.data.class_uid === 2002)).toBe(true);

    sim.mutate!('vulnerabilities', { update: 2, create: 1 });
    sim.mutate!('assets', { update: 1, delete: 2 });
    const before = sim.requests.length;
    const [vulns, assets, scans] = await sync();
    expect(vulns).toMatchObject({ status: 'completed', recordsCreated: 1, recordsUpdated: 2, recordsProcessed: 3 });
    expect(assets).toMatchObject({ status: 'completed', recordsUpdated: 1, recordsDeleted: 2, recordsUnchanged: 4 });
    expect(scans).toMatchObject({ status: 'completed', recordsUnchanged: 6 });
    const fixed = (await rows('vulnerabilities')).filter((r) => r.data.status_id === 4);
    expect(fixed).toHaveLength(1);
    expect((await rows('assets')).filter((r) => r.deleted_at !== null)).toHaveLength(2);
    expect(sim.requests.slice(before).filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/vulns/export', '/assets/export']);
  });

  it('resumes an interrupted vulnerability export without downloading its finished chunks again', async () => {
    const { sim, sync } = await install();
    sim.seed('vulnerabilities', { count: 14 });
    sim.inject({ kind: 'malformed-json' }, { afterRequests: 4 });
    const [broken] = await sync();
    expect(broken).toMatchObject({ stream: 'vulnerabilities', status: 'failed' });
    const chunkRequests = () => sim.requests.filter((r) => r.path.includes('/chunks/') && r.status === 200 && r.fault === undefined).map((r) => r.path.split('/').at(-1));
    const done = chunkRequests();
    expect(done.length).toBeGreaterThan(0);
    const [resumed] = await sync();
    expect(resumed).toMatchObject({ status: 'completed', recordsCreated: 14 - broken!.recordsCreated });
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/vulns/export')).toHaveLength(1);
    const all = chunkRequests();
    expect(all.slice(done.length).some((chunk) => done.includes(chunk))).toBe(false);
  });
});
