import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';

const item = (n: number) => ({ id: `f-${n}`, title: `finding ${n}`, severity: 5, updated: 1_700_000_000_000 + n });

describe.each(testDatabaseKinds())('instance health on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    source.items = [1, 2, 3].map(item);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [memoryConnector(source)] });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    await engine.instances.activate(actor, instance.id);
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    const healthEvents = () => q<{ data: { from: string; to: string; reasons: string[] } }>(`select data from outbox where type = 'instance.health_changed' order by seq`);
    const fail = async () => {
      source.failAtPage = 0;
      clock.advance(60_000);
      return (await engine.sync.runNow(actor, instance.id))[0]!;
    };
    return { source, clock, engine, actor, instance, q, healthEvents, fail };
  }

  it('goes degraded after one failure, unhealthy (instance in error) after three in a row, and back on the next success, each move one event', async () => {
    const { engine, actor, instance, healthEvents, fail, q } = await setup();
    expect((await engine.observability.health.get(actor, instance.id)).state).toBe('unknown');

    await fail();
    expect(await engine.observability.health.get(actor, instance.id)).toMatchObject({ state: 'degraded', consecutiveFailures: 1, reasons: ['recent_failure'] });
    await fail();
    expect((await engine.observability.health.get(actor, instance.id)).state).toBe('degraded');
    expect(await engine.instances.get(actor, instance.id)).toMatchObject({ status: 'active' });
    const third = await fail();

    const health = await engine.observability.health.get(actor, instance.id);
    expect(health).toMatchObject({ state: 'unhealthy', consecutiveFailures: 3, reasons: ['consecutive_failures'], lastError: { code: 'VENDOR_UNAVAILABLE', kind: 'transient', message: 'simulated outage', operation: 'sync', sync_id: third.id } });
    expect(await engine.instances.get(actor, instance.id)).toMatchObject({ status: 'error', errorMessage: 'Unhealthy after 3 consecutive failures: simulated outage (VENDOR_UNAVAILABLE)' });
    await fail(); // a fourth failure changes nothing that is announced
    expect((await healthEvents()).map((e) => [e.data.from, e.data.to])).toEqual([
      ['unknown', 'degraded'],
      ['degraded', 'unhealthy'],
    ]);

    const [ok] = await engine.sync.runNow(actor, instance.id);
    expect(ok!.status).toBe('completed');
    expect(await engine.observability.health.get(actor, instance.id)).toMatchObject({ state: 'healthy', consecutiveFailures: 0, reasons: [], lastError: { code: 'VENDOR_UNAVAILABLE' } });
    expect(await engine.instances.get(actor, instance.id)).toMatchObject({ status: 'active', errorMessage: null });
    expect((await healthEvents()).map((e) => e.data.to)).toEqual(['degraded', 'unhealthy', 'healthy']);
    const [row] = await q<{ status_before_unhealthy: string | null }>(`select status_before_unhealthy from instance_health`);
    expect(row!.status_before_unhealthy).toBeNull();
  });

  it('leaves a status someone else chose: a deactivated instance stays inactive when it recovers', async () => {
    const { engine, actor, instance, fail } = await setup();
    for (let i = 0; i < 3; i++) await fail();
    expect((await engine.instances.get(actor, instance.id)).status).toBe('error');
    await engine.instances.deactivate(actor, instance.id);
    await engine.sync.runNow(actor, instance.id);
    expect((await engine.observability.health.get(actor, instance.id)).state).toBe('healthy');
    expect((await engine.instances.get(actor, instance.id)).status).toBe('inactive');
  });

  it('writes log entries for sync start and finish with the sync id, and for activation', async () => {
    const { engine, actor, instance, fail } = await setup();
    const failed = await fail();
    const page = await engine.observability.logs.forInstance(actor, instance.id, { syncId: failed.id });
    // The manual clock stands still during the run, so the three entries share a timestamp.
    expect(page.items.map((e) => [e.level, e.operation, e.message]).sort()).toEqual([
      ['error', 'sync', 'Sync of stream findings failed: simulated outage (VENDOR_UNAVAILABLE)'],
      ['info', 'sync', 'Sync of stream findings started (manual)'],
      ['warning', 'health', 'Health changed from unknown to degraded: recent failure'],
    ]);
    expect(page.items.find((e) => e.level === 'error')!.details).toMatchObject({ stream: 'findings', status: 'failed', records_processed: 0, error: { code: 'VENDOR_UNAVAILABLE', kind: 'transient' } });
    const [ok] = await engine.sync.runNow(actor, instance.id);
    const success = await engine.observability.logs.list(actor, { syncId: ok!.id, level: 'success', operation: 'sync' });
    expect(success.items).toHaveLength(1);
    expect(success.items[0]).toMatchObject({ message: 'Sync of stream findings completed: 3 records (3 created, 0 updated, 0 deleted)', details: { records_created: 3 } });
    const activation = await engine.observability.logs.list(actor, { operation: 'instance.activate' });
    expect(activation.items.map((e) => e.message)).toEqual(['Instance activated (configuring → active)']);
  });

  it('is degraded while the vendor throttles the latest sync', async () => {
    const { engine, actor, instance } = await setup();
    const throttled = { operation: 'findings', method: 'GET', host: 'memory.invalid', status: 429, code: 'VENDOR_RATE_LIMITED' as const, attempt: 1, durationMs: 5, bytes: 0, throttledMs: 0 };
    engine.observability.observer.httpMetrics(instance, throttled);
    await engine.sync.runNow(actor, instance.id);
    expect(await engine.observability.health.get(actor, instance.id)).toMatchObject({ state: 'degraded', reasons: ['throttled'] });
    await engine.sync.runNow(actor, instance.id);
    expect(await engine.observability.health.get(actor, instance.id)).toMatchObject({ state: 'healthy', reasons: [] });
  });

  it('summarises the organisation: the worst state among instances that are not inactive', async () => {
    const { engine, actor, fail } = await setup();
    const other = await engine.instances.create(actor, { name: 'quiet', connectorId: 'memory-source' });
    await fail();
    const summary = await engine.observability.health.summary(actor);
    expect(summary).toEqual({ overall: 'degraded', counts: { unknown: 1, healthy: 0, degraded: 1, unhealthy: 0 }, total: 2 });
    const list = await engine.observability.health.list(actor, { state: 'unknown' });
    expect(list.items.map((h) => h.instanceId)).toEqual([other.id]);
  });
});
