import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { GatedSource, gatedConnector, items, waitFor } from '../workers/test-support.ts';
import { createEventsFixture, startReceiver, type EventsFixture, type Receiver } from '../webhooks/testing/fixture.ts';
import { emitEvents } from './envelope.ts';

describe.each(testDatabaseKinds())('event dispatch on %s', (kind) => {
  let f: EventsFixture;
  let rx: Receiver;
  const source = new GatedSource();
  source.items = items(1, 3);
  beforeAll(async () => {
    f = await createEventsFixture(kind, { connectors: [gatedConnector(source)] });
    rx = await startReceiver();
  });
  afterAll(async () => {
    await f.engine.sync.shutdown();
    await f.engine.events.stop();
    await rx.close();
    await f.close();
  });

  const q = <T>(sql: string, params: unknown[] = []) => f.db.database.query<T>(sql, params);

  async function instance(name: string) {
    const row = await f.engine.instances.create(f.actor, { name, connectorId: 'gated-source' });
    await f.engine.instances.activate(f.actor, row.id);
    return row;
  }

  it('starts the sync a subscription names (and an event schedule, through the same subscriptions) when a matching event arrives, without looping', async () => {
    const a = await instance('source');
    const b = await instance('target');
    const sub = await f.engine.events.subscriptions.create(f.actor, { instanceId: a.id, eventType: 'sync.completed', actionType: 'sync', actionConfig: { instance_id: b.id, stream: 'alerts' } });
    const schedule = await f.engine.schedules.create(f.actor, { instanceId: b.id, stream: 'assets', scheduleType: 'event', eventTrigger: 'finding.created' });
    await f.engine.events.dispatcher.drain();

    await f.engine.sync.runNow(f.actor, a.id, { stream: 'alerts' });
    const ofB = () => q<{ stream: string; trigger: string; schedule_id: string | null; status: string }>(`select stream, trigger, schedule_id, status from sync_executions where instance_id = $1 order by stream`, [b.id]);
    expect(await ofB()).toEqual([]);
    await f.engine.events.dispatcher.drain();
    await waitFor(async () => (await ofB()).filter((e) => e.status === 'completed').length === 2, 'the two event-triggered runs');
    expect(await ofB()).toEqual([
      { stream: 'alerts', trigger: 'event', schedule_id: null, status: 'completed' },
      { stream: 'assets', trigger: 'event', schedule_id: schedule.id, status: 'completed' },
    ]);
    // B's own events (sync.completed with trigger event, its finding.created) trigger nothing more.
    await f.engine.events.dispatcher.drain();
    await new Promise((r) => setTimeout(r, 100));
    expect(await ofB()).toHaveLength(2);
    // An inactive subscription starts nothing.
    await f.engine.events.subscriptions.update(f.actor, sub.id, { isActive: false });
    await f.engine.schedules.update(f.actor, schedule.id, { isActive: false });
    source.items = items(4, 5);
    await f.engine.sync.runNow(f.actor, a.id, { stream: 'alerts' });
    await f.engine.events.dispatcher.drain();
    await new Promise((r) => setTimeout(r, 100));
    expect(await ofB()).toHaveLength(2);
  });

  it('emits finding.created for new detection, vulnerability and incident findings only', async () => {
    const { endpoint } = await f.engine.events.endpoints.create(f.actor, { url: rx.url, allowPrivateNetwork: true });
    await f.engine.events.subscriptions.create(f.actor, { eventType: 'finding.created', actionType: 'webhook', actionConfig: { endpoint_id: endpoint.id } });
    await f.engine.events.dispatcher.drain();
    rx.requests.length = 0;
    const at = f.clock.now();
    const event = (type: string, classUid: number, n: number) => ({ organizationId: f.actor.organizationId, type, occurredAt: at, data: { record_id: crypto.randomUUID(), instance_id: null, stream: 's', external_id: `x-${n}`, class_uid: classUid, severity_id: 4, record: { class_uid: classUid } } });
    await f.db.database.db.transaction((tx) =>
      emitEvents(tx, [
        event('record.created', 2004, 1), // detection finding
        event('record.created', 2002, 2), // vulnerability finding
        event('record.created', 2005, 3), // incident finding
        event('record.updated', 2004, 4), // not new
        event('record.created', 5001, 5), // inventory info: not a finding
        event('record.created', 1001, 6), // file activity: not a finding
      ]),
    );
    // A real sync of detection findings too.
    const c = await instance('findings');
    source.items = items(10, 11);
    await f.engine.sync.runNow(f.actor, c.id, { stream: 'alerts' });
    await f.engine.events.runOnce();
    const got = rx.requests.map((r) => JSON.parse(r.body) as { type: string; data: { external_id: string; class_uid: number; instance_id: string | null } });
    expect(got.every((e) => e.type === 'finding.created')).toBe(true);
    expect(got.map((e) => e.data.external_id).sort()).toEqual(['g-10', 'g-11', 'x-1', 'x-2', 'x-3']);
    expect(got.filter((e) => e.data.instance_id === c.id).map((e) => e.data.class_uid)).toEqual([2004, 2004]);
    // Its id is stable: a re-dispatch after a crash gives the same webhook-id.
    const ids = new Set(rx.requests.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(5);
    await f.engine.events.endpoints.update(f.actor, endpoint.id, { isActive: false });
  });
});
