import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutoAdvanceClock, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import simulator, { startGuardDutySimulator } from './simulator/index.ts';

// One detector per Region: the suite's detectors need a dozen Regions, each read in turn, and the
// contract check sends all of that through Prism. On a loaded machine that outlasts the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

describeConformance(connector, simulator);

interface Row {
  stream: string;
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; status_id?: number; cloud?: { region?: string } };
}

describe.each(testDatabaseKinds())('aws-guardduty end to end through engine.sync.runNow on %s', (kind) => {
  let hub: InstalledConnector | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await hub?.close();
    hub = undefined;
  });

  async function install() {
    // The declared rate limit paces requests on the clock: one that moves by itself when waited on.
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    const sim = await startGuardDutySimulator({ pageSize: 3, clock, regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] });
    close = () => sim.close();
    // No engine credentials: the SDK's own signature (placeholder keys) carries each Region in its scope.
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock });
    hub = installed;
    const sync = async () => {
      clock.advance(60_000);
      return installed.sync();
    };
    const rows = () => installed.query<Row>('select stream, external_id, deleted_at, data from records where instance_id = $1 order by stream, external_id', [installed.instanceId]);
    const checkpoint = async () => (await installed.query<{ checkpoint: { regions: Record<string, { cursor: string }> } }>(`select checkpoint from stream_states where instance_id = $1 and stream = 'findings'`, [installed.instanceId]))[0]?.checkpoint;
    return { sim, sync, rows, checkpoint, clock };
  }

  it('syncs findings of every Region with one cursor per Region, resumes from it, and picks up new occurrences and archives', async () => {
    const { sim, sync, rows, checkpoint } = await install();
    sim.state.enable('us-east-1', Date.parse('2026-04-01T00:00:00Z'));
    sim.state.enable('eu-west-1', Date.parse('2026-04-01T00:00:00Z'));
    sim.state.seedFindings(7, undefined, 'us-east-1');
    sim.state.seedFindings(4, undefined, 'eu-west-1');
    const [detectorRun, first] = await sync();
    expect(detectorRun).toMatchObject({ stream: 'detectors', status: 'completed', recordsCreated: 2, pages: 3 });
    expect(first).toMatchObject({ stream: 'findings', status: 'completed', recordsCreated: 11, recordsInvalid: 0, recordsFailed: 0 });
    const cursors = (await checkpoint())!.regions;
    expect(Object.keys(cursors).sort()).toEqual(['eu-west-1', 'us-east-1']);
    const stored = (await rows()).filter((r) => r.stream === 'findings');
    expect(stored.filter((r) => r.data.cloud?.region === 'eu-west-1')).toHaveLength(4);
    expect(stored.every((r) => r.data.class_uid === 2004)).toBe(true);

    const [, idle] = await sync();
    expect(idle).toMatchObject({ status: 'completed', recordsCreated: 0, recordsUpdated: 0 });
    const listings = sim.requests.filter((r) => r.path.endsWith('/findings')).length;

    const eu = sim.state.allFindings().find((f) => f.region === 'eu-west-1')!;
    sim.state.touch('eu-west-1', eu.id, { archived: true });
    sim.state.mutateFindings(1, 1);
    const [, second] = await sync();
    expect(second).toMatchObject({ status: 'completed', recordsCreated: 1, recordsUpdated: 2, recordsUnchanged: 0 });
    const archived = (await rows()).find((r) => r.external_id === eu.arn);
    expect(archived!.data).toMatchObject({ status_id: 5 });
    expect(sim.requests.filter((r) => r.path.endsWith('/findings')).length - listings).toBe(2);
  });

  it('detects deleted detectors: GuardDuty disabled in a Region marks its detector deleted, a new Region adds one', async () => {
    const { sim, sync, rows } = await install();
    sim.seed('detectors', { count: 2 });
    const [first] = await sync();
    expect(first).toMatchObject({ stream: 'detectors', status: 'completed', recordsCreated: 2 });
    sim.state.region('us-east-1')!.detector = undefined;
    sim.state.enable('ap-southeast-2', Date.parse('2026-04-30T00:00:00Z'));
    const [second] = await sync();
    expect(second).toMatchObject({ status: 'completed', recordsCreated: 1, recordsDeleted: 1, recordsUnchanged: 1 });
    const detectors = (await rows()).filter((r) => r.stream === 'detectors');
    expect(detectors.filter((r) => r.deleted_at !== null).map((r) => r.external_id)).toEqual([expect.stringMatching(/^us-east-1\//)]);
    expect(detectors.every((r) => r.data.class_uid === 5023)).toBe(true);
  });
});
