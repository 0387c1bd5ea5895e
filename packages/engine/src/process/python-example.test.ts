import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import { jsonFeedSimulator, type JsonFeedSimulator } from './fixtures/json-feed-simulator.ts';
import { pythonExample } from './fixtures/python-example.ts';

const TOKEN = 'json-feed-test-token-5f1c';

/**
 * The Python SDK's example connector registered and run through the engine: the scenarios of the
 * conformance suite that a process connector is judged on, driven through `engine.sync.runNow`.
 */
describe.each(testDatabaseKinds())('the Python example connector on %s', (kind) => {
  let t: TestDatabase | undefined;
  let simulator: JsonFeedSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    await t?.close();
    simulator = t = undefined;
  });

  async function setup(token = TOKEN) {
    t = await createTestDatabase(kind);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    simulator = await jsonFeedSimulator({ pageSize: 3, clock, token: TOKEN });
    const engine = createEngine({
      database: t.database,
      clock,
      log: pino({ level: 'silent' }),
      processCredentials: async () => ({ type: 'bearer', values: { token: new Secret(token) } }),
    });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    await engine.registeredConnectors.register(actor, pythonExample);
    const instance = await engine.instances.create(actor, { name: 'feed', connectorId: 'json-feed', configuration: { ...simulator.configuration } });
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    return { engine, actor, instance, q, simulator, clock };
  }

  it('syncs every page as valid OCSF, resumes from its checkpoint, and picks up changes', async () => {
    const { engine, actor, instance, q, simulator } = await setup();
    simulator.seed('alerts', { count: 8 });
    const [first] = await engine.sync.runNow(actor, instance.id);
    expect(first).toMatchObject({ status: 'completed', recordsCreated: 8, recordsInvalid: 0, recordsFailed: 0, pages: 3 });
    const [stored] = await q<{ data: Record<string, unknown> }>(`select data from records where external_id = 'alert-0002'`);
    expect(stored!.data).toMatchObject({ class_uid: 2004, severity_id: 3, finding_info: { uid: 'alert-0002', title: 'Alert 2' }, device: { hostname: 'host-2' } });
    expect(await q(`select checkpoint from stream_states`)).toEqual([{ checkpoint: { after: 8 } }]);

    simulator.mutate('alerts', { create: 2, update: 1 });
    const [second] = await engine.sync.runNow(actor, instance.id);
    expect(second).toMatchObject({ status: 'completed', recordsCreated: 2, recordsUpdated: 1, recordsProcessed: 3 });
    expect(simulator.requests.filter((r) => r.path === '/api/v1/alerts' && r.query.after !== undefined).map((r) => r.query.after)).toEqual(['0', '8']);
  });

  it('restarts from the last checkpoint when the page token expires, and resumes after malformed JSON', async () => {
    const { engine, actor, instance, simulator } = await setup();
    simulator.seed('alerts', { count: 8 });
    simulator.inject({ kind: 'expire-page-token' });
    const [restarted] = await engine.sync.runNow(actor, instance.id);
    expect(restarted).toMatchObject({ status: 'completed', recordsCreated: 8 });
    expect(simulator.requests.some((r) => r.fault === 'expire-page-token')).toBe(true);

    simulator.mutate('alerts', { create: 7 });
    simulator.inject({ kind: 'malformed-json' }, { afterRequests: 1 });
    const [broken] = await engine.sync.runNow(actor, instance.id);
    expect(broken).toMatchObject({ status: 'failed', recordsCreated: 3, errorDetails: { code: 'VENDOR_BAD_RESPONSE' } });
    const [next] = await engine.sync.runNow(actor, instance.id);
    expect(next).toMatchObject({ status: 'completed', recordsCreated: 4, recordsUnchanged: 0 });
  });

  it('tests the connection, runs its action, and fails cleanly on a rejected token', async () => {
    const good = await setup();
    good.simulator.seed('alerts', { count: 1 });
    expect(await good.engine.testConnection(good.actor, good.instance.id)).toMatchObject({ ok: true, details: { account: 'Example tenant' } });
    const connector = good.engine.registry.require('json-feed');
    const ctx = buildConnectorContext({ connector, instance: good.instance, clock: good.clock, log: good.engine.deps.log, signal: new AbortController().signal });
    expect(await connector.actions![0]!.run(ctx, { id: 'alert-0001' })).toEqual({ id: 'alert-0001', acknowledged: true });
    await ctx.close();
    expect([...good.simulator.acknowledged]).toEqual(['alert-0001']);
    await good.simulator.close();
    await t!.close();

    const bad = await setup('a-wrong-token');
    const [run] = await bad.engine.sync.runNow(bad.actor, bad.instance.id);
    expect(run).toMatchObject({ status: 'failed', errorDetails: { code: 'VENDOR_AUTH_FAILED' } });
  });
});
