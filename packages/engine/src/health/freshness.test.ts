import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { AnyConnector } from '@patchbay/sdk';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { cronIntervalMinutes } from './schedule-intervals.ts';

const MIN = 60_000;

/** The memory connector with a declared hourly schedule on its stream. */
function hourlyConnector(source: MemorySource): AnyConnector {
  const base = memoryConnector(source);
  return { ...base, streams: base.streams!.map((s) => ({ ...s, schedule: { intervalMinutes: 60 } })) };
}

describe('cron schedules', () => {
  it('reads a cron schedule as its longest gap between firings', () => {
    expect(cronIntervalMinutes('*/15 * * * *', 'UTC', new Date('2026-05-01T00:00:00Z'))).toBe(15);
    expect(cronIntervalMinutes('0 9 * * 1-5', 'UTC', new Date('2026-05-04T10:00:00Z'))).toBe(3 * 24 * 60);
    expect(cronIntervalMinutes('not a cron', 'UTC', new Date())).toBeUndefined();
  });
});

describe.each(testDatabaseKinds())('stream freshness on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    source.items = [{ id: 'a', title: 'a', severity: 1, updated: 1 }];
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [hourlyConnector(source)] });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    await engine.instances.activate(actor, instance.id);
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    const staleEvents = () => q<{ data: Record<string, unknown> }>(`select data from outbox where type = 'stream.stale' order by seq`);
    const check = () => engine.observability.checkFreshness();
    return { clock, engine, actor, instance, q, staleEvents, check };
  }

  it('flags a stream past twice its declared interval once per episode, reports it in health, and clears it on the next success', async () => {
    const { clock, engine, actor, instance, staleEvents, check } = await setup();
    await engine.sync.runNow(actor, instance.id);
    const syncedAt = clock.now();
    clock.advance(119 * MIN);
    expect((await check()).becameStale).toEqual([]);
    clock.advance(2 * MIN);
    expect(await check()).toMatchObject({ checked: 1, becameStale: [{ instanceId: instance.id, stream: 'findings' }] });
    clock.advance(60 * MIN);
    expect((await check()).becameStale).toEqual([]);
    expect(await staleEvents()).toEqual([{ data: expect.objectContaining({ instance_id: instance.id, stream: 'findings', last_success_at: syncedAt.toISOString(), interval_minutes: 60, stale_after_minutes: 120 }) }]);
    const health = await engine.observability.health.get(actor, instance.id);
    expect(health).toMatchObject({ state: 'degraded', reasons: ['stale_streams'], staleStreams: [{ stream: 'findings', intervalMinutes: 60, lastSuccessAt: syncedAt }] });

    await engine.sync.runNow(actor, instance.id);
    expect(await engine.observability.health.get(actor, instance.id)).toMatchObject({ state: 'healthy', staleStreams: [] });
    const fresh = await engine.observability.logs.list(actor, { operation: 'freshness' });
    expect(fresh.items.map((e) => e.level)).toEqual(['success', 'warning']);

    clock.advance(121 * MIN); // a new episode raises a new event
    expect((await check()).becameStale).toHaveLength(1);
    expect(await staleEvents()).toHaveLength(2);
  });

  it("uses the instance's active interval schedule over the declared one, and counts a stream that never succeeded from activation", async () => {
    const { clock, actor, instance, q, check } = await setup();
    await q(`insert into sync_schedules (organization_id, instance_id, schedule_type, interval_minutes, created_at, updated_at) values ($1, $2, 'interval', 10, now(), now())`, [actor.organizationId, instance.id]);
    clock.advance(20 * MIN);
    expect((await check()).becameStale).toEqual([]);
    clock.advance(2 * MIN);
    expect((await check()).becameStale).toEqual([{ instanceId: instance.id, stream: 'findings' }]);
    const [row] = await q<{ interval_minutes: number; last_success_at: Date | null }>(`select interval_minutes, last_success_at from stream_staleness`);
    expect(row).toEqual({ interval_minutes: 10, last_success_at: null });
  });

  it('ends an episode without an event when the instance is deactivated', async () => {
    const { clock, engine, actor, instance, check, q } = await setup();
    clock.advance(121 * MIN);
    await check();
    await engine.instances.deactivate(actor, instance.id);
    expect((await check()).cleared).toEqual([{ instanceId: instance.id, stream: 'findings' }]);
    expect(await q(`select * from stream_staleness`)).toEqual([]);
    expect((await engine.observability.health.get(actor, instance.id)).staleStreams).toEqual([]);
  });
});
