import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import connector from './connector.ts';
import { startJiraSimulator, type JiraSimulator } from './simulator/index.ts';

interface Row {
  external_id: string;
  data: { class_uid: number; status: string; status_id: number; ticket: { uid: string } };
}

describe.each(testDatabaseKinds())('jira end to end with credentials in the vault on %s', (kind) => {
  let hub: InstalledConnector | undefined;
  let sim: JiraSimulator | undefined;
  afterEach(async () => {
    await hub?.close();
    await sim?.close();
    hub = undefined;
    sim = undefined;
  });

  it('API token (basic): tests the connection, syncs the issues, and picks up a person\'s move to Done on the next run', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startJiraSimulator({ pageSize: 3, clock });
    sim.seed('issues', { count: 5 });
    hub = await installConnector({ kind, connector, configuration: sim.configuration, clock, credentials: sim.vaultCredentials! });
    expect(await hub.testConnection()).toMatchObject({ ok: true, details: { account: 'Patchbay Integration', issues_visible: true } });
    clock.advance(60_000);
    expect((await hub.sync()).map((r) => [r.stream, r.status, r.recordsCreated])).toEqual([['issues', 'completed', 5]]);
    clock.advance(60_000);
    await sim.transition('SEC-2', 'Done');
    clock.advance(60_000);
    expect((await hub.sync()).map((r) => [r.status, r.recordsCreated, r.recordsUpdated])).toEqual([['completed', 0, 1]]);
    const [row] = await hub.query<Row>("select external_id, data from records where instance_id = $1 and external_id = 'SEC-2'", [hub.instanceId]);
    expect(row!.data).toMatchObject({ class_uid: 2005, status: 'Done', status_id: 4, ticket: { uid: 'SEC-2' } });
    expect(connector.ticket!.statusOf(row!.data as never)).toBe('Done');
  });

  it('OAuth 2.0 (3LO): the vault refreshes the access token at the simulated authorization server, requests go through /ex/jira/{cloudId}', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startJiraSimulator({ pageSize: 3, clock, strictBearer: true });
    sim.seed('issues', { count: 4 });
    const configuration = { ...sim.configuration, base_url: sim.gatewayUrl, site_url: sim.baseUrl };
    hub = await installConnector({ kind, connector, configuration, clock, credentials: sim.oauthVaultCredentials() });
    clock.advance(60_000);
    expect((await hub.sync()).map((r) => [r.status, r.recordsCreated])).toEqual([['completed', 4]]);
    expect(sim.requests.filter((r) => r.path === '/oauth/token').map((r) => r.status)).toEqual([200]);
    expect(sim.requests.filter((r) => r.path !== '/oauth/token').every((r) => r.path.startsWith(`/ex/jira/${sim!.cloudId}/rest/api/3/`) && r.status === 200)).toBe(true);
    // The refresh token rotated: the vault holds the new one.
    expect(sim.oauth.refreshToken).toBe('sim-jira-refresh-2');
  });
});
