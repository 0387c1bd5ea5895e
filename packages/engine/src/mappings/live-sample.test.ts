import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, isPatchbayError } from '@patchbay/types';
import httpJson from '../../../../connectors/http-json/connector.ts';
import { startHttpJsonSimulator } from '../../../../connectors/http-json/simulator/index.ts';
import { createEngine } from '../create-engine.ts';
import { LIVE_SAMPLE_TIMEOUT_MS } from './live-sample.ts';
import type { Actor } from '../lib/actor.ts';
import { createLogger } from '../lib/logger.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { staticKeyProvider } from '../vault/keys/static-key-provider.ts';

const item = (n: number) => ({ id: `f-${n}`, title: `finding ${n}`, severity: n % 10, updated: 1_700_000_000_000 + n });

/** What a sync would have stored: none of it may change when sampling. */
const STORED = ['records', 'rejected_records', 'stream_states', 'sync_executions', 'outbox'] as const;

describe.each(testDatabaseKinds())('live stream samples on %s', (kind) => {
  let t: TestDatabase | undefined;
  let sim: Awaited<ReturnType<typeof startHttpJsonSimulator>> | undefined;
  afterEach(async () => {
    await sim?.close();
    await t?.close();
    sim = t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    const clock = new ManualClock(new Date());
    const engine = createEngine({
      database: t.database,
      clock,
      log: createLogger({ level: 'silent' }),
      connectors: [memoryConnector(source, { fullRefresh: true }), httpJson],
      vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true },
    });
    const boot = await engine.start();
    const [user] = await t.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
    const actor: Actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
    const q = <T>(sql: string) => t!.database.query<T>(sql);
    const counts = async () => Object.fromEntries(await Promise.all(STORED.map(async (table) => [table, (await q<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n])));
    const logs = () => q<{ level: string; operation: string; message: string; details: Record<string, unknown>; user_id: string | null }>(`select level, operation, message, details, user_id from integration_logs where operation = 'sample' order by occurred_at, id`);
    return { source, engine, actor, clock, q, counts, logs };
  }

  it('reads the first page from the vendor with the vault credentials, returns its raw items, stores nothing and logs the call', async () => {
    const { engine, actor, q, counts, logs } = await setup();
    sim = await startHttpJsonSimulator({ clock: new ManualClock(new Date()), pageSize: 5 });
    sim.seed('records', { count: 12 });
    const { id: authConfigId } = await engine.vault.configs.create(actor, { name: 'json api', authType: sim.vaultCredentials!.authType, credentials: sim.vaultCredentials!.credentials });
    // Never activated (status configuring): a sample is a diagnostic, any status may fetch one.
    const instance = await engine.instances.create(actor, { name: 'json', connectorId: 'http-json', configuration: { ...sim.configuration }, allowPrivateNetwork: true, authConfigId });
    const before = await counts();

    const sample = await engine.liveSample(actor, instance.id, 'records', 3);
    const vendor = sim.records('records');
    expect(sample.pageRecords).toBe(5);
    expect(sample.items.map((i) => i.raw)).toEqual(vendor.slice(0, 3));
    expect(sample.items.map((i) => i.externalId)).toEqual(vendor.slice(0, 3).map((r) => (r as { id: string }).id));
    expect(sample.latencyMs).toBeGreaterThanOrEqual(0);
    // One page read, no further.
    expect(sim.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/records', 200]]);

    expect(await counts()).toEqual(before);
    const [entry, ...more] = await logs();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ level: 'success', user_id: actor.userId, message: expect.stringMatching(/^Live sample of stream records: 3 record\(s\) in \d+ ms \(the first page held 5\)$/), details: { stream: 'records', limit: 3, records: 3, page_records: 5 } });
    expect(entry!.details.requests).toEqual([expect.objectContaining({ method: 'GET', host: new URL(sim.baseUrl).host, status: 200, attempt: 1 })]);
    const logged = JSON.stringify(await q('select * from integration_logs'));
    expect(logged).not.toContain('simulator-token');
    expect(logged).not.toContain((vendor[0] as { id: string }).id); // counts, never the records
    // The credential's use and the API call are counted like a sync's.
    expect(await q(`select operation, count::int as count from credential_usage where instance_key = '${instance.id}'`)).toEqual([{ operation: 'sample', count: 1 }]);
    await engine.observability.metrics.flush();
    expect(await q(`select api_calls::int as api_calls, records_processed::int as records_processed from connector_metrics where instance_id = '${instance.id}'`)).toEqual([{ api_calls: 1, records_processed: 0 }]);

    // The private-network rules apply: without allow_private_network the simulator on 127.0.0.1 is refused.
    const guarded = await engine.instances.create(actor, { name: 'json guarded', connectorId: 'http-json', configuration: { ...sim.configuration }, authConfigId });
    const refused = await engine.liveSample(actor, guarded.id, 'records', 3).catch((e: unknown) => e);
    expect(isPatchbayError(refused) && refused.code).toBe('PRIVATE_NETWORK_BLOCKED');
    expect(sim.requests).toHaveLength(1);
    expect((await logs()).filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ details: expect.objectContaining({ stream: 'records', error: expect.objectContaining({ code: 'PRIVATE_NETWORK_BLOCKED' }) }) })]);
  }, 30_000);

  it('starts a full-refresh stream as a first sync would without touching its state, honours the limit, and passes vendor errors on', async () => {
    const { source, engine, actor, counts, logs } = await setup();
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    source.items = [1, 2, 3, 4, 5].map(item);
    source.pageSize = 4;
    const before = await counts();

    const all = await engine.liveSample(actor, instance.id, 'findings', 50);
    expect(all).toMatchObject({ pageRecords: 4, items: [1, 2, 3, 4].map((n) => ({ externalId: `f-${n}`, raw: item(n) })) });
    expect(source.fetches).toBe(1);
    const one = await engine.liveSample(actor, instance.id, 'findings', 1);
    expect(one).toMatchObject({ pageRecords: 4, items: [{ externalId: 'f-1', raw: item(1) }] });
    expect(source.fetches).toBe(2);

    // A record without an id is still a sample (a sync would reject it).
    source.items = [{ title: 'no id' } as never];
    expect((await engine.liveSample(actor, instance.id, 'findings', 10)).items).toEqual([{ externalId: null, raw: { title: 'no id' } }]);
    source.items = [];
    expect(await engine.liveSample(actor, instance.id, 'findings', 10)).toMatchObject({ items: [], pageRecords: 0 });

    source.failAtPage = 0;
    const failed = await engine.liveSample(actor, instance.id, 'findings', 10).catch((e: unknown) => e);
    expect(isPatchbayError(failed) && failed.code).toBe('VENDOR_UNAVAILABLE');
    const entries = await logs();
    expect(entries.filter((l) => l.level === 'success')).toHaveLength(4);
    expect(entries.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ message: 'Live sample of stream findings failed: simulated outage (VENDOR_UNAVAILABLE)', details: expect.objectContaining({ error: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE', retryable: true }) }) })]);

    const unknown = await engine.liveSample(actor, instance.id, 'nope', 10).catch((e: unknown) => e);
    expect(isPatchbayError(unknown) && [unknown.code, unknown.field]).toEqual(['NOT_FOUND', 'stream']);
    expect(await counts()).toEqual(before);
  });

  it('gives up on a stream whose first page does not come within the deadline (an export still being prepared), and stops its polling', async () => {
    const { source, engine, actor, clock, counts, logs } = await setup();
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    source.items = [1, 2].map(item);
    source.preparing = true;
    const before = await counts();
    const sampling = engine.liveSample(actor, instance.id, 'findings', 10).catch((e: unknown) => e);
    // The deadline and the stream's first poll wait on the engine's clock.
    await expect.poll(() => clock.pending).toBe(2);
    clock.advance(LIVE_SAMPLE_TIMEOUT_MS - 1);
    await expect.poll(() => source.polls).toBeGreaterThan(1);
    expect(await Promise.race([sampling, new Promise((r) => setTimeout(() => r('still waiting'), 50))])).toBe('still waiting');
    clock.advance(1);
    const failed = await sampling;
    expect(isPatchbayError(failed) && [failed.code, failed.message]).toEqual(['LIVE_SAMPLE_TIMEOUT', 'Stream findings did not produce its first page within 30 s']);
    // Its polling was aborted with it: nothing waits on the clock any more, and no further poll happens.
    await expect.poll(() => clock.pending).toBe(0);
    const polls = source.polls;
    clock.advance(60_000);
    expect(source.polls).toBe(polls);
    expect(await counts()).toEqual(before);
    expect(await logs()).toEqual([expect.objectContaining({ level: 'error', details: expect.objectContaining({ error: expect.objectContaining({ code: 'LIVE_SAMPLE_TIMEOUT', retryable: true }) }) })]);
  });
});
