import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import { GatedSource, gatedConnector, items, waitFor } from '../workers/test-support.ts';

const MINUTE = 60_000;

describe.each(testDatabaseKinds())('scheduler on %s', (kind) => {
  let t: TestDatabase | undefined;
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      await e.jobs.stop();
      await e.sync.shutdown();
    }
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const source = new GatedSource();
    source.items = items(1, 3);
    const make = () => {
      const e = createEngine({ database: t!.database, clock, log: pino({ level: 'silent' }), connectors: [gatedConnector(source)] });
      engines.push(e);
      return e;
    };
    const engine = make();
    const boot = await engine.start();
    const actor: Actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'gated', connectorId: 'gated-source' });
    await engine.instances.activate(actor, instance.id);
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    const executions = () => q<{ stream: string; trigger: string; schedule_id: string | null; status: string }>('select stream, trigger, schedule_id, status from sync_executions order by created_at, stream');
    return { clock, engine, actor, instance, q, executions, make, source };
  }

  it('fires an interval schedule on time for every stream, moves next_execution on its grid, and does not pile up runs', async () => {
    const { clock, engine, actor, instance, executions } = await setup();
    const schedule = await engine.schedules.create(actor, { instanceId: instance.id, scheduleType: 'interval', intervalMinutes: 5 });
    expect(schedule.nextExecution).toEqual(new Date('2026-05-01T00:05:00Z'));
    expect((await engine.scheduler.tick()).fired).toBe(0);
    clock.advance(5 * MINUTE + 300);
    const tick = await engine.scheduler.tick();
    expect(tick).toMatchObject({ due: 1, fired: 2, next: new Date('2026-05-01T00:10:00Z') });
    expect(await executions()).toEqual([
      { stream: 'alerts', trigger: 'scheduled', schedule_id: schedule.id, status: 'pending' },
      { stream: 'assets', trigger: 'scheduled', schedule_id: schedule.id, status: 'pending' },
    ]);
    const after = await engine.schedules.get(actor, schedule.id);
    expect(after.lastExecution).toEqual(clock.now());
    // Due again while the previous runs are still pending (no workers here): it moves on without queuing twice.
    clock.advance(5 * MINUTE);
    expect(await engine.scheduler.tick()).toMatchObject({ due: 1, fired: 0 });
    expect(await executions()).toHaveLength(2);
    expect((await engine.schedules.get(actor, schedule.id)).nextExecution).toEqual(new Date('2026-05-01T00:15:00Z'));
  });

  it('runs schedules only for active instances, and a cron schedule of one stream at its times', async () => {
    const { clock, engine, actor, instance, executions } = await setup();
    const cron = await engine.schedules.create(actor, { instanceId: instance.id, stream: 'assets', scheduleType: 'cron', cronExpression: '*/10 * * * *' });
    expect(cron.nextExecution).toEqual(new Date('2026-05-01T00:10:00Z'));
    await engine.instances.deactivate(actor, instance.id);
    clock.set('2026-05-01T00:10:01Z');
    expect(await engine.scheduler.tick()).toMatchObject({ due: 1, fired: 0 });
    expect(await executions()).toEqual([]);
    expect((await engine.schedules.get(actor, cron.id)).nextExecution).toEqual(new Date('2026-05-01T00:20:00Z'));
    await engine.instances.activate(actor, instance.id);
    clock.set('2026-05-01T00:20:00.200Z');
    expect(await engine.scheduler.tick()).toMatchObject({ due: 1, fired: 1 });
    expect(await executions()).toEqual([{ stream: 'assets', trigger: 'scheduled', schedule_id: cron.id, status: 'pending' }]);
  });

  it('fires each due schedule once when several schedulers tick at the same time', async () => {
    const { clock, engine, actor, instance, make, executions, q } = await setup();
    const other = await q<{ id: string }>(`insert into integration_instances (organization_id, connector_id, name, status, connector_version) select organization_id, connector_id, 'gated-2', 'active', connector_version from integration_instances returning id`);
    for (const id of [instance.id, other[0]!.id]) {
      for (const stream of ['alerts', 'assets']) await engine.schedules.create(actor, { instanceId: id, stream, scheduleType: 'interval', intervalMinutes: 1 });
    }
    const second = make();
    clock.advance(MINUTE);
    const ticks = await Promise.all([engine.scheduler.tick(), second.scheduler.tick(), engine.scheduler.tick()]);
    expect(ticks.reduce((n, r) => n + r.fired, 0)).toBe(4);
    expect(await executions()).toHaveLength(4);
  });

  it('links the runs of an event schedule to it, through the event subscription it owns', async () => {
    const { engine, actor, instance, executions, q } = await setup();
    const schedule = await engine.schedules.create(actor, { instanceId: instance.id, stream: 'alerts', scheduleType: 'event', eventTrigger: 'sync.completed' });
    expect(schedule.nextExecution).toBeNull();
    const [sub] = await q<{ event_type: string; action_type: string; action_config: Record<string, unknown>; is_active: boolean }>('select event_type, action_type, action_config, is_active from event_subscriptions where id = $1', [schedule.subscriptionId]);
    expect(sub).toEqual({ event_type: 'sync.completed', action_type: 'sync', action_config: { instance_id: instance.id, stream: 'alerts', schedule_id: schedule.id }, is_active: true });
    await engine.sync.start(actor, instance.id, { stream: 'alerts', trigger: 'event', subscriptionId: schedule.subscriptionId! });
    await engine.sync.start(actor, instance.id, { stream: 'alerts', trigger: 'event', subscriptionId: schedule.subscriptionId! }); // coalesced: one is pending
    expect(await executions()).toEqual([{ stream: 'alerts', trigger: 'event', schedule_id: schedule.id, status: 'pending' }]);
    expect((await engine.schedules.get(actor, schedule.id)).lastExecution).not.toBeNull();
    await engine.schedules.update(actor, schedule.id, { isActive: false });
    expect((await q<{ is_active: boolean }>('select is_active from event_subscriptions where id = $1', [schedule.subscriptionId]))[0]!.is_active).toBe(false);
    await engine.schedules.update(actor, schedule.id, { scheduleType: 'interval', intervalMinutes: 30, isActive: true });
    expect(await q('select id from event_subscriptions')).toEqual([]);
  });

  it('hands scheduled runs to the workers', async () => {
    const { clock, engine, actor, instance, q } = await setup();
    await engine.schedules.create(actor, { instanceId: instance.id, stream: 'alerts', scheduleType: 'interval', intervalMinutes: 1 });
    await engine.jobs.start({ concurrency: 2, scheduler: false });
    clock.advance(MINUTE);
    await engine.scheduler.tick();
    await waitFor(async () => (await q<{ status: string }>('select status from sync_executions'))[0]?.status === 'completed', 'the scheduled run');
    expect((await q<{ n: number }>('select count(*)::int as n from records'))[0]!.n).toBe(3);
  });
});
