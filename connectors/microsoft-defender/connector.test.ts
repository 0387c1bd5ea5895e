import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, checkNames, runAction, installConnector, testDatabaseKinds, type InstalledConnector } from '@patchbay/conformance';
import { describeConformance } from '@patchbay/conformance/vitest';
import { oauth2Auth, type AuthApplier } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import { GRAPH_RESOURCE, MDE_RESOURCE } from './auth.ts';
import connector from './connector.ts';
import simulator, { startDefenderSimulator, type DefenderSimulatorHandle } from './simulator/index.ts';

describeConformance(connector, simulator, { only: checkNames.filter((name) => name !== 'malformed-json') });

// The malformed-json check expects every data stream of the next run to read only what the broken run
// missed; a full-refresh stream the fault did not hit re-reads everything. So it runs once per stream.
for (const stream of ['alerts', 'incidents', 'devices', 'vulnerabilities'] as const) {
  describeConformance(connector, (options) => startDefenderSimulator({ ...options, streams: [stream] }), { only: ['malformed-json'], title: `conformance of microsoft-defender: malformed JSON on ${stream}` });
}

interface Row {
  external_id: string;
  deleted_at: Date | null;
  data: { class_uid: number; status?: string; finding_info?: { title?: string } };
}

/**
 * Tokens the way the vault gets them for this connector, from the simulator's Entra ID token endpoint:
 * one per API, chosen per request like the declared perHost targets choose on the real hosts (here both
 * APIs share 127.0.0.1, so by path).
 */
function simulatorTokens(sim: DefenderSimulatorHandle): AuthApplier {
  const cache = new Map<string, Secret>();
  return oauth2Auth({
    audienceFor: (url) => (url.pathname.startsWith('/api/') ? MDE_RESOURCE : GRAPH_RESOURCE),
    async getToken({ audience, forceRefresh }) {
      const resource = audience ?? GRAPH_RESOURCE;
      const cached = cache.get(resource);
      if (cached && !forceRefresh) return cached;
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.app.clientId, client_secret: sim.app.clientSecret, scope: `${resource}/.default` });
      const response = await fetch(sim.tokenUrl, { method: 'POST', body: form });
      const token = new Secret(((await response.json()) as { access_token: string }).access_token);
      cache.set(resource, token);
      return token;
    },
  });
}

describe.each(testDatabaseKinds())('microsoft-defender end to end through engine.sync.runNow on %s', (kind) => {
  let test: InstalledConnector | undefined;
  let sim: DefenderSimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    await test?.close();
    sim = undefined;
    test = undefined;
  });

  async function install() {
    // Auto-advancing: the declared rate limits pace requests through the clock.
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startDefenderSimulator({ pageSize: 4, clock, strictAudience: true });
    const auth = simulatorTokens(sim);
    const installed = await installConnector({ kind, connector, configuration: sim.configuration, clock, auth: auth });
    test = installed;
    const sync = async () => {
      clock.advance(60_000);
      return installed.sync();
    };
    const rows = (stream: string) =>
      installed.query<Row>('select external_id, deleted_at, data from records where instance_id = $1 and stream = $2 order by external_id', [installed.instanceId, stream]);
    return { sim, clock, sync, rows, runAction: (name: string, input: unknown) => runAction({ connector, simulator: sim!, clock, auth }, name, input) };
  }

  it('syncs all four streams with a token per API, resumes incrementally, brings an alert update back, and detects deletions', async () => {
    const { sim, sync, rows, runAction: act } = await install();
    sim.seed('alerts', { count: 10, equalTimestampsAtBoundary: true });
    sim.seed('incidents', { count: 3 });
    sim.seed('devices', { count: 9 });
    sim.seed('vulnerabilities', { count: 6 });
    const first = await sync();
    expect(first.map((r) => [r.stream, r.status, r.recordsCreated, r.recordsInvalid])).toEqual([
      ['alerts', 'completed', 10, 0],
      ['incidents', 'completed', 3, 0],
      ['devices', 'completed', 9, 0],
      ['vulnerabilities', 'completed', 6, 0],
    ]);
    expect(first.find((r) => r.stream === 'devices')!.pages).toBe(3);
    expect(sim.requests.every((r) => r.status < 300)).toBe(true);
    expect((await rows('alerts'))[0]!.data.class_uid).toBe(2004);

    const alert = sim.records('alerts')[0] as { id: string };
    await act('update-alert', { alert_id: alert.id, status: 'resolved', classification: 'falsePositive' });
    sim.mutate!('devices', { delete: 2, update: 1 });
    sim.mutate!('incidents', { create: 1 });
    const before = sim.requests.length;
    const second = await sync();
    expect(second.map((r) => [r.stream, r.recordsCreated, r.recordsUpdated, r.recordsDeleted])).toEqual([
      ['alerts', 0, 1, 0],
      ['incidents', 1, 0, 0],
      ['devices', 0, 1, 2],
      ['vulnerabilities', 0, 0, 0],
    ]);
    const alertQueries = sim.requests.slice(before).filter((r) => r.path.endsWith('/security/alerts_v2'));
    // From the first run's cursor (its start, 00:01) minus the 5-minute overlap, to this run's start.
    expect(alertQueries[0]!.query.$filter).toMatch(/^lastUpdateDateTime ge 2026-04-30T23:56:00\.000Z and lastUpdateDateTime le 2026-05-01T00:02:\d\d\.\d{3}Z$/);
    const updated = (await rows('alerts')).find((r) => r.external_id === alert.id)!;
    expect(updated.data.status).toBe('Resolved');
    expect((await rows('devices')).filter((r) => r.deleted_at !== null)).toHaveLength(2);
  });
});
