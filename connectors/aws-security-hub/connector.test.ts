import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, closeContractProxies, installConnector, leaseContractProxy, runAction, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import type { AuthApplier } from '@patchbay/sdk';
import connector from './connector.ts';
import simulator, { startSecurityHubSimulator, type SecurityHubSimulatorOptions } from './simulator/index.ts';
import { testSigner } from './testing.ts';

// Every check, the Prism `contract` check included: the suite signs with SigV4 (test keys, the
// simulator's home Region), as Prism's reading of AWS's security scheme requires.
describeConformance(connector, simulator);

interface Row {
  external_id: string;
  data: { class_uid: number; status_id: number; cloud: { region: string }; finding_info: { title: string }; compliance?: { control: string } };
}

describe.each(testDatabaseKinds())('aws-security-hub end to end through engine.sync.runNow on %s', (kind) => {
  let test: InstalledConnector | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await test?.close();
    test = undefined;
  });
  afterAll(closeContractProxies);

  async function install(options: Omit<SecurityHubSimulatorOptions, 'clock'>, auth?: (clock: AutoAdvanceClock) => AuthApplier, connectionUrl?: (url: string) => Promise<string>) {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    const sim = await startSecurityHubSimulator({ requireSignature: true, ...options, clock });
    close = () => sim.close();
    const url = connectionUrl ? await connectionUrl(sim.baseUrl) : undefined;
    const hub = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: (auth ?? testSigner)(clock), ...(url ? { connectionUrl: url } : {}) });
    test = hub;
    const sync = async () => {
      clock.advance(60_000);
      return hub.sync();
    };
    const rows = () => hub.query<Row>('select external_id, data from records where instance_id = $1 order by external_id', [hub.instanceId]);
    const checkpoint = async () => (await hub.query<{ checkpoint: { regions: Record<string, { cursor: string }> } }>('select checkpoint from stream_states where instance_id = $1', [hub.instanceId]))[0]?.checkpoint;
    return { sim, sync, rows, checkpoint, hub };
  }

  it('syncs two Regions with one cursor each, maps each finding to its class, then reads only the changes', async () => {
    const { sim, sync, rows, checkpoint } = await install({ pageSize: 4, kinds: ['control', 'detection', 'vulnerability'] });
    sim.seed('findings', { count: 12, equalTimestampsAtBoundary: true });
    const [first] = await sync();
    expect(first).toMatchObject({ stream: 'findings', status: 'completed', recordsCreated: 12, recordsInvalid: 0, recordsFailed: 0 });
    const stored = await rows();
    expect(new Set(stored.map((r) => r.data.class_uid))).toEqual(new Set([2002, 2003, 2004]));
    expect(new Set(stored.map((r) => r.data.cloud.region))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(stored.filter((r) => r.data.class_uid === 2003).every((r) => /^S3\.\d$/.test(r.data.compliance!.control))).toBe(true);
    expect(Object.keys((await checkpoint())!.regions).sort()).toEqual(['eu-west-1', 'us-east-1']);
    const gets = sim.requests.filter((r) => r.path === '/findings');
    expect(gets).toHaveLength(4);
    expect(sim.requests.every((r) => r.status === 200)).toBe(true);

    const before = sim.requests.length;
    const [idle] = await sync();
    expect(idle).toMatchObject({ status: 'completed', recordsCreated: 0, recordsUpdated: 0 });
    expect(sim.requests.length - before).toBe(2);

    sim.mutate!('findings', { update: 2, create: 3 });
    const [second] = await sync();
    expect(second).toMatchObject({ status: 'completed', recordsCreated: 3, recordsUpdated: 2, recordsUnchanged: 0 });
    expect((await rows()).filter((r) => r.data.finding_info.title.endsWith('revision 2'))).toHaveLength(2);
  });

  it('resumes in the Region where an interrupted run stopped', async () => {
    const { sim, sync, rows } = await install({ pageSize: 2 });
    sim.seed('findings', { count: 8 });
    // Every attempt (the HTTP client makes 4) of the first eu-west-1 continuation fails.
    sim.inject({ kind: 'server-errors', count: 4 }, { afterRequests: 3 });
    const [failed] = await sync();
    expect(failed).toMatchObject({ status: 'failed' });
    const partial = (await rows()).length;
    expect(partial).toBe(6);
    const [resumed] = await sync();
    expect(resumed).toMatchObject({ status: 'completed', recordsCreated: 8 - partial });
  });

  it('fails with the vendor error when the signature is scoped to another Region', async () => {
    const { sim, sync } = await install({ pageSize: 4 }, (clock) => testSigner(clock, 'eu-west-1'));
    sim.seed('findings', { count: 2 });
    const [run] = await sync();
    expect(run).toMatchObject({ status: 'failed', errorDetails: { code: 'VENDOR_PERMISSION_DENIED' } });
  });

  it('tests the connection: the hub account, the delegated administrator and cross-Region aggregation', async () => {
    const { hub, sim } = await install({ pageSize: 4 });
    const ok = await hub.testConnection();
    expect(ok).toMatchObject({ ok: true, details: { account: '111122223333', home_region: 'us-east-1', regions: ['us-east-1', 'eu-west-1'] } });
    expect((ok.details as { finding_aggregator: string }).finding_aggregator).toMatch(/^arn:aws:securityhub:us-east-1:111122223333:finding-aggregator\//);
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /accounts 200', 'GET /findingAggregator/list 200']);

    await hub.reconfigure({ ...sim.configuration, administrator_account_id: '444455556666' });
    expect(await hub.testConnection()).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  });

  it('refuses Regions other than the home Region without cross-Region aggregation', async () => {
    const { hub } = await install({ pageSize: 4, aggregation: false });
    expect(await hub.testConnection()).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  });

  it('passes Prism with every operation: the realistic mix of findings, the action and the connection test, signed', async () => {
    // The suite's contract check syncs the default simulator (detections only); this one also sends
    // control and vulnerability findings, BatchUpdateFindings, DescribeHub and ListFindingAggregators
    // through Prism, to a simulator that refuses unsigned requests.
    let lease: Awaited<ReturnType<typeof leaseContractProxy>> | undefined;
    const { sim, sync, hub } = await install({ pageSize: 4, kinds: ['control', 'detection', 'vulnerability'] }, undefined, async (upstream) => {
      lease = await leaseContractProxy(new URL('../../../shared/vendor/specs/aws/openapi/securityhub.openapi.json', `file://${import.meta.dirname}/`).pathname, upstream);
      return lease.url;
    });
    try {
      sim.seed('findings', { count: 9 });
      expect(await hub.testConnection()).toMatchObject({ ok: true });
      const [first] = await sync();
      const [finding] = sim.records('findings') as { Id: string; ProductArn: string }[];
      const clock = new AutoAdvanceClock('2026-05-01T01:00:00Z');
      const call = { connector, simulator: { configuration: sim.configuration, connectionUrl: lease!.url }, clock, auth: testSigner(clock) };
      await expect(runAction(call, 'update-finding-workflow', { findings: [{ id: finding!.Id, product_arn: finding!.ProductArn }], status: 'NOTIFIED', note: 'Triaged' })).resolves.toMatchObject({ processed: [{ id: finding!.Id }] });
      sim.mutate!('findings', { create: 2, update: 1 });
      const [second] = await sync();
      expect([first!.status, second!.status]).toEqual(['completed', 'completed']);
      expect(new Set(sim.requests.map((r) => `${r.method} ${r.path}`))).toEqual(new Set(['GET /accounts', 'GET /findingAggregator/list', 'POST /findings', 'PATCH /findings/batchupdate']));
      expect(sim.requests.every((r) => r.status === 200)).toBe(true);
      expect(lease!.exchanges()).toBe(sim.requests.length);
      expect(lease!.violations()).toEqual([]);
    } finally {
      lease?.release();
    }
  }, 120_000);
});
