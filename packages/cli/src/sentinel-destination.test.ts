import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../server/src/testing/test-hub.ts';
import { startSentinelSimulator, type SentinelSimulatorHandle } from '../../../connectors/microsoft-sentinel/simulator/index.ts';

// One database kind is enough here (the destination API's own tests run both): PostgreSQL when there is one.
const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';
const sentinel = builtInConnectors.find((c) => c.id === 'microsoft-sentinel')!;
const base = '/api/integration/destinations';

/**
 * The microsoft-sentinel destination end to end, as an operator sets it up: Entra ID credentials in the
 * vault (token endpoint and ingestion endpoint both the simulator's), an instance, a destination created
 * through the HTTP API, records synced from a source arriving as rows of the DCR's stream in outbox order,
 * and an outage (503, then 429) holding the cursor until delivery resumes with nothing lost. (It lives in
 * the CLI package: the server package may not import connectors or the conformance kit.)
 */
describe(`microsoft-sentinel destination through the API on ${kind}`, () => {
  let hub: TestHub;
  let sim: SentinelSimulatorHandle;
  let memoryId: string;
  let destinationId: string;
  // Retry-After and backoff sleeps move time on at once; the vault's token lifetimes follow it.
  const clock = new AutoAdvanceClock(new Date());
  const source = new MemorySource();
  source.pageSize = 10;

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, role: 'admin' | 'editor' | 'viewer' = 'admin') => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const read = () => call('GET', `${base}/${destinationId}`, undefined, 'viewer');
  /** The finding ids of the rows the DCR's stream received, in arrival order. */
  const arrived = () => sim.rows().map((row) => (row.finding_info as { uid: string }).uid);
  /** The finding ids of the hub's record.created events, in outbox order: the order the destination must keep. */
  const inOutbox = async () => (await hub.db.database.query<{ id: string }>("select data->>'external_id' as id from outbox where type = 'record.created' order by seq")).map((r) => r.id);

  async function sync(...ids: string[]): Promise<void> {
    clock.advance(60_000);
    source.items.push(...ids.map((id, n) => ({ id, title: `finding ${id} ${'detail '.repeat(40)}`, severity: 7, updated: clock.now().getTime() + n })));
    await call('POST', `/api/integration/instances/${memoryId}/sync`, {}, 'editor');
    await hub.engine.sync.idle();
  }

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { clock, connectors: [memoryConnector(source), sentinel], vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
    sim = await startSentinelSimulator({ pageSize: 5, clock });
    memoryId = (await call('POST', '/api/integration/instances', { name: 'source', connector_id: 'memory-source' })).id;
  }, 30_000);
  afterAll(async () => {
    await hub?.engine.destinations.stop();
    await hub?.close();
    await sim?.close();
  });

  it('sends synced records as rows of the stream, in order, in calls under the limit, with one token', async () => {
    const authConfig = await call('POST', '/api/integration/auth-configs', { name: 'sentinel app', auth_type: sim.vaultCredentials!.authType, credentials: sim.vaultCredentials!.credentials });
    // A small call limit, so that every batch takes several calls.
    const instance = await call('POST', '/api/integration/instances', { name: 'sentinel', connector_id: 'microsoft-sentinel', configuration: { ...sim.configuration, max_bytes_per_call: 4_096 }, auth_config_id: authConfig.id, allow_private_network: true });
    const capabilities = await call('GET', '/api/integration/connectors/microsoft-sentinel/capabilities', undefined, 'viewer');
    expect(capabilities).toMatchObject({ capabilities: ['destination'], streams: [], destination: { formats: ['ocsf-json', 'jsonata'], max_batch_events: 500 } });
    const created = await call('POST', base, { name: 'sentinel', instance_id: instance.id, event_type: 'record.*' }, 'editor');
    destinationId = created.id;
    expect(created).toMatchObject({ format: 'ocsf-json', health: { state: 'healthy', events_behind: 0 } });

    await sync('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8');
    await hub.engine.destinations.drain();
    expect(arrived()).toEqual(await inOutbox());
    expect([...arrived()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(sim.uploads.length).toBeGreaterThan(1);
    expect(sim.uploads.every((u) => u.status === 204 && u.encoding === 'gzip' && u.jsonBytes! <= 4_096)).toBe(true);
    const [row] = sim.rows();
    expect(row).toMatchObject({ EventType: 'record.created', SourceInstanceId: memoryId, class_uid: 2004, severity_id: 3, finding_info: { uid: 'a1' } });
    expect(row!.TimeGenerated).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));

    await sync('a9', 'a10');
    await hub.engine.destinations.drain();
    expect(arrived()).toEqual(await inOutbox());
    expect(arrived()).toHaveLength(10);
    // The vault asked the token endpoint once, for Azure Monitor, and reused the token for every call since.
    expect(sim.tokensIssued).toEqual(['https://monitor.azure.com']);
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, events_sent: 10 } });
  });

  it('holds the cursor through an outage (503, then 429) and resumes with nothing lost', async () => {
    const cursorBefore = (await read()).cursor;
    sim.outage({ status: 503 });
    await sync('b1', 'b2', 'b3');
    await hub.engine.destinations.drain();
    const failing = await read();
    expect(failing).toMatchObject({ cursor: cursorBefore, health: { state: 'failing', consecutive_failures: 1, last_error: { code: 'VENDOR_UNAVAILABLE' } } });
    expect(failing.health.events_behind).toBeGreaterThan(0);
    expect(arrived()).toHaveLength(10);

    // Still down, now throttling: the retry (after the backoff, on the clock) fails again and the cursor stays.
    sim.outage({ status: 429, retryAfterSeconds: 5 });
    clock.advance(5_000);
    await hub.engine.destinations.drain();
    expect(await read()).toMatchObject({ cursor: cursorBefore, health: { state: 'failing', consecutive_failures: 2, last_error: { code: 'VENDOR_RATE_LIMITED' } } });
    expect(sim.uploads.filter((u) => u.fault === 'outage').map((u) => u.status)).toEqual(expect.arrayContaining([503, 429]));

    sim.outage(null);
    await sync('b4');
    clock.advance(10 * 60_000);
    await hub.engine.destinations.drain();
    expect(arrived()).toEqual(await inOutbox());
    expect(arrived()).toHaveLength(14);
    expect(arrived().slice(10).sort()).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, consecutive_failures: 0, last_error: null, events_sent: 14 } });
    const recovered = await hub.db.database.query<{ data: Record<string, unknown> }>("select data from outbox where type = 'destination.recovered' order by seq");
    expect(recovered.map((e) => e.data)).toEqual([expect.objectContaining({ destination_id: destinationId, failures: 2 })]);
    expect(sim.tokensIssued).toEqual(['https://monitor.azure.com']);
  });
});
