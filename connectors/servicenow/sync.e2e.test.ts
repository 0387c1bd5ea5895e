import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, connectorContext, installConnector, testDatabaseKinds, type InstalledConnector, type VaultCredentials } from '@patchbay/conformance';
import type { ConnectorContext } from '@patchbay/sdk';
import type { ServiceNowConfig } from './config.ts';
import connector from './connector.ts';
import { startServiceNowSimulator, type ServiceNowSimulator } from './simulator/index.ts';
import { integrationUser } from './testing/test-bed.ts';
import { servicenowTicketing as ticket } from './tickets/ticketing.ts';

interface Row {
  external_id: string;
  deleted_at: Date | null;
  data: Record<string, unknown> & { status?: string; unmapped?: Record<string, unknown> };
}

// One database kind: the conformance suite runs both; these flows are about ServiceNow, not the store.
const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';

describe(`servicenow end to end through the engine's runner (${kind})`, () => {
  let installed: InstalledConnector | undefined;
  let sim: ServiceNowSimulator | undefined;
  let ctx: (ConnectorContext<ServiceNowConfig> & { close(): Promise<void> }) | undefined;
  afterEach(async () => {
    await ctx?.close();
    await installed?.close();
    await sim?.close();
    ctx = installed = sim = undefined;
  });

  async function install(credentials: (s: ServiceNowSimulator) => VaultCredentials) {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startServiceNowSimulator({ pageSize: 4, clock });
    installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, credentials: credentials(sim) });
    const rows = (stream: string) => installed!.query<Row>('select external_id, deleted_at, data from records where instance_id = $1 and stream = $2', [installed!.instanceId, stream]);
    const sync = async (stream?: string) => {
      clock.advance(60_000);
      return Object.fromEntries((await installed!.sync(stream ? { stream } : {})).map((r) => [r.stream, r]));
    };
    return { sim, clock, rows, sync };
  }

  it('follows a ticket Patchbay opened through the incidents stream: ServiceNow resolves it, the next poll brings the Resolved state', async () => {
    const { sim: instance, clock, rows, sync } = await install((s) => s.vaultCredentials!);
    instance.seed('configuration-items', { count: 5 });
    instance.seed('business-services', { count: 3 });
    instance.seed('incidents', { count: 6 });
    expect(await installed!.testConnection()).toMatchObject({ ok: true, details: { incidents_visible: 6 } });
    const first = await sync();
    expect(Object.fromEntries(Object.entries(first).map(([s, r]) => [s, [r.status, r.recordsCreated]]))).toEqual({ 'configuration-items': ['completed', 5], 'business-services': ['completed', 3], incidents: ['completed', 6] });

    ctx = connectorContext({ connector, configuration: instance.configuration, clock, auth: integrationUser(instance) }) as typeof ctx;
    const opened = await ticket.create(ctx!, { dedupKey: 'patchbay:ticket:e2e', title: 'Critical finding on lnx-0001', description: 'd', priority: 1, fields: {}, labels: [] });
    await sync('incidents');
    const record = (await rows('incidents')).find((r) => r.external_id === opened.key)!;
    expect(ticket.statusOf(record.data)).toBe('New');

    clock.advance(5_000);
    instance.setIncidentState(opened.key, 6);
    expect((await sync('incidents'))['incidents']).toMatchObject({ status: 'completed', recordsUpdated: 1, recordsCreated: 0 });
    const after = (await rows('incidents')).find((r) => r.external_id === opened.key)!;
    expect(ticket.statusOf(after.data)).toBe('Resolved');
    expect(ticket.statuses[ticket.statusOf(after.data)!]).toBe('resolved');
    expect(after.data).toMatchObject({ status_id: 4, status_detail: 'Solution provided', metadata: { correlation_uid: 'patchbay:ticket:e2e' } });
  });

  it('marks CIs and services deleted in ServiceNow as deleted, and carries business criticality into the records', async () => {
    const { sim: instance, rows, sync } = await install((s) => s.vaultCredentials!);
    instance.seed('configuration-items', { count: 10 });
    instance.seed('business-services', { count: 2 });
    await sync();
    const gone = instance.store.list('cmdb_ci_hardware')[0]!.sys_id!;
    instance.store.rows.delete(gone);
    const second = await sync();
    expect(second['configuration-items']).toMatchObject({ status: 'completed', recordsDeleted: 1 });
    const cis = await rows('configuration-items');
    expect(cis.find((r) => r.external_id === gone)!.deleted_at).not.toBeNull();
    const apps = cis.filter((r) => r.deleted_at === null && r.data.unmapped?.patchbay_criticality !== undefined);
    expect(apps.map((r) => r.data.unmapped!.patchbay_criticality).sort()).toEqual(['critical', 'high']);
    expect((await rows('business-services')).map((r) => (r.data.resources as { criticality?: string }[])[0]!.criticality).sort()).toEqual(['1 - most critical', '2 - somewhat critical']);
  });

  it('works with OAuth client credentials: the vault gets tokens from /oauth_token.do', async () => {
    const { sim: instance, sync } = await install((s) => s.oauthVaultCredentials);
    instance.seed('incidents', { count: 3 });
    expect(await installed!.testConnection()).toMatchObject({ ok: true });
    expect((await sync('incidents'))['incidents']).toMatchObject({ status: 'completed', recordsCreated: 3 });
    expect(instance.requests.filter((r) => r.path === '/oauth_token.do').map((r) => r.status)).toContain(200);
    expect(instance.requests.filter((r) => r.path.startsWith('/api/now/')).every((r) => r.status === 200)).toBe(true);
  });
});
