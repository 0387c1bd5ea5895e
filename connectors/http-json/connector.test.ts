import { afterEach, describe, expect, it } from 'vitest';
import { installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import { basicAuth, bearerAuth, type AuthApplier } from '@patchbay/sdk';
import { ManualClock, Secret } from '@patchbay/types';
import connector from './connector.ts';
import simulator, { startHttpJsonSimulator, type HttpJsonSimulatorOptions } from './simulator/index.ts';

describeConformance(connector, simulator);

describeConformance(connector, (options) => startHttpJsonSimulator({ ...options, mode: 'link', incremental: false }), {
  title: 'conformance of http-json as a full refresh with Link paging',
  only: ['full-sync', 'checkpoint-round-trip', 'changes-between-runs', 'restart-mid-sync', 'page-token-expired'],
});

interface Row {
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; message?: string; time: number; unmapped?: Record<string, unknown> };
}

describe.each(testDatabaseKinds())('http-json end to end through engine.sync.runNow on %s', (kind) => {
  let test: InstalledConnector | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await test?.close();
    test = undefined;
  });

  async function install(options: Omit<HttpJsonSimulatorOptions, 'clock'>, auth: AuthApplier) {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const sim = await startHttpJsonSimulator({ ...options, clock });
    close = () => sim.close();
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: auth });
    test = installed;
    const sync = async () => {
      clock.advance(60_000);
      return installed.sync();
    };
    const rows = () => installed.query<Row>('select external_id, deleted_at, data from records where instance_id = $1 order by external_id', [installed.instanceId]);
    return { sim, sync, rows };
  }

  it('syncs incrementally over pages with equal timestamps at the boundaries, then picks up changes', async () => {
    const { sim, sync, rows } = await install({ pageSize: 4 }, bearerAuth({ token: new Secret('t-1') }));
    sim.seed('records', { count: 10, equalTimestampsAtBoundary: true });
    const [first, idle] = await sync();
    expect(first).toMatchObject({ stream: 'records', status: 'completed', recordsCreated: 10, recordsInvalid: 0, recordsFailed: 0 });
    expect(first!.pages).toBeGreaterThanOrEqual(3);
    expect(idle).toMatchObject({ stream: 'inventory', status: 'completed', recordsCreated: 0 });
    const stored = await rows();
    expect(stored.map((r) => r.external_id)).toEqual(Array.from({ length: 10 }, (_, i) => `rec-${String(i + 1).padStart(5, '0')}`));
    expect(stored[0]!.data).toMatchObject({ class_uid: 0, message: 'Record 1, revision 1', unmapped: { title: 'Record 1', revision: 1 } });
    expect(sim.requests.every((r) => r.query.since !== undefined && r.status === 200)).toBe(true);

    sim.mutate!('records', { update: 1, create: 2 });
    const [second] = await sync();
    expect(second).toMatchObject({ status: 'completed', recordsCreated: 2, recordsUpdated: 1, recordsUnchanged: 0 });
    const after = await rows();
    expect(after).toHaveLength(12);
    expect(after.find((r) => r.external_id === 'rec-00001')!.data.message).toBe('Record 1, revision 2');
  });

  it('syncs a full refresh with page-number paging and basic auth, and marks vanished records deleted', async () => {
    const { sim, sync, rows } = await install({ pageSize: 3, mode: 'page', incremental: false }, basicAuth({ username: 'reader', password: new Secret('s3cret') }));
    sim.seed('inventory', { count: 8 });
    const [none, first] = await sync();
    expect(none).toMatchObject({ stream: 'records', recordsCreated: 0 });
    expect(first).toMatchObject({ stream: 'inventory', status: 'completed', recordsCreated: 8, pages: 3 });
    expect(sim.requests[0]!.query).toMatchObject({ page: '1', per_page: '3' });

    sim.mutate!('inventory', { delete: 2, update: 1 });
    const [, second] = await sync();
    expect(second).toMatchObject({ status: 'completed', recordsDeleted: 2, recordsUpdated: 1, recordsUnchanged: 5 });
    const deleted = (await rows()).filter((r) => r.deleted_at !== null).map((r) => r.external_id);
    expect(deleted).toEqual(['rec-00002', 'rec-00003']);
  });
});
