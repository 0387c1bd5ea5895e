import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { emitEvents } from '../events/envelope.ts';
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from './delivery.ts';
import { createEventsFixture, startReceiver, type EventsFixture, type Receiver } from './testing/fixture.ts';

describe.each(testDatabaseKinds())('outgoing webhooks on %s', (kind) => {
  let f: EventsFixture;
  let rx: Receiver;
  beforeAll(async () => {
    f = await createEventsFixture(kind);
    rx = await startReceiver();
  });
  afterAll(async () => {
    await f.engine.events.stop();
    await rx.close();
    await f.close();
  });

  /** The reference library checks the timestamp against Date.now(): verify at the delivery's own time. */
  function verifyAt(secret: string, r: { headers: Record<string, unknown>; body: string }) {
    const ts = Number(r.headers['webhook-timestamp']);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(ts * 1000);
    try {
      return new Webhook(secret).verify(r.body, { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(ts), 'webhook-signature': String(r.headers['webhook-signature']) });
    } finally {
      vi.useRealTimers();
    }
  }

  async function setup(eventType = 'record.*') {
    const { endpoint, secret } = await f.engine.events.endpoints.create(f.actor, { url: rx.url, allowPrivateNetwork: true });
    await f.engine.events.subscriptions.create(f.actor, { eventType, actionType: 'webhook', actionConfig: { endpoint_id: endpoint.id }, filterCriteria: { instance_ids: [] } });
    return { endpoint, secret: secret.reveal() };
  }

  async function emit(n: number, tag: string) {
    const events = Array.from({ length: n }, (_, i) => ({ organizationId: f.actor.organizationId, type: 'record.created', occurredAt: f.clock.now(), data: { record_id: crypto.randomUUID(), n: i, tag, class_uid: 1001, severity_id: 1 } }));
    await f.db.database.db.transaction((tx) => emitEvents(tx, events));
  }

  /** Runs the hub and moves the clock to each next due time until nothing is left to do. */
  async function settle(endpointId: string) {
    for (let round = 0; round < 200; round++) {
      await f.engine.events.runOnce();
      const [next] = await f.db.database.query<{ at: Date | null; open: Date | null }>(
        `select (select min(next_attempt_at) from webhook_messages where endpoint_id = $1 and status in ('pending','retrying')) as at, (select circuit_open_until from webhook_endpoints where id = $1) as open`,
        [endpointId],
      );
      if (!next?.at) return;
      const due = Math.max(new Date(next.at).getTime(), next.open ? new Date(next.open).getTime() : 0);
      if (due > f.clock.now().getTime()) f.clock.set(due);
    }
    throw new Error('did not settle');
  }

  it('signs per Standard Webhooks (verified by the reference library) and loses nothing with a receiver failing 50% of requests', async () => {
    const { endpoint, secret } = await setup();
    let seed = 42;
    rx.respond = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return { status: seed % 2 === 0 ? 200 : 503 };
    };
    await emit(60, 'half');
    await settle(endpoint.id);
    expect(rx.requests.length).toBeGreaterThan(60);
    for (const r of rx.requests) expect(verifyAt(secret, r)).toMatchObject({ type: 'record.created' });
    expect(() => verifyAt('whsec_' + Buffer.from('another secret of 24 bytes').toString('base64'), rx.requests[0]!)).toThrow();
    const rows = await f.db.database.query<{ status: string; n: number }>(`select status, count(*)::int as n from webhook_messages where endpoint_id = $1 group by status`, [endpoint.id]);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect((by.delivered ?? 0) + (by.dead_lettered ?? 0)).toBe(60);
    // Replay the dead letters with a healthy receiver: everything arrives.
    rx.respond = () => ({ status: 200 });
    await f.engine.events.messages.replayRange(f.actor, endpoint.id, { from: new Date(0), to: new Date(f.clock.now().getTime() + 1) });
    await settle(endpoint.id);
    const [all] = await f.db.database.query<{ n: number }>(`select count(*)::int as n from webhook_messages where endpoint_id = $1 and status = 'delivered'`, [endpoint.id]);
    expect(all!.n).toBe(60);
    const ids = new Set(rx.requests.filter((r) => JSON.parse(r.body).data.tag === 'half').map((r) => JSON.parse(r.body).data.n));
    expect(ids.size).toBe(60);
    await f.engine.events.endpoints.update(f.actor, endpoint.id, { isActive: false });
  });

  it('retries on the schedule (clock advanced, no waiting), respects Retry-After, dead-letters after the last attempt, and replays in the original order', async () => {
    rx.requests.length = 0;
    const { endpoint } = await setup();
    rx.respond = (_b, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '600' } } : { status: 500 });
    await emit(1, 'dead');
    const start = f.clock.now().getTime();
    await f.engine.events.runOnce();
    let [m] = await f.engine.events.messages.list(f.actor, { endpointId: endpoint.id }).then((p) => p.items);
    expect(m!.status).toBe('retrying');
    // Retry-After 600 s beats the 5 s step.
    expect(m!.nextAttemptAt!.getTime() - start).toBe(600_000);
    await settle(endpoint.id);
    [m] = (await f.engine.events.messages.list(f.actor, { endpointId: endpoint.id })).items;
    expect(m!.status).toBe('dead_lettered');
    expect(m!.attempts).toBe(MAX_ATTEMPTS);
    const log = await f.engine.events.messages.attempts(f.actor, m!.id, { limit: 50 });
    expect(log.items).toHaveLength(MAX_ATTEMPTS);
    expect(log.items.every((a) => a.statusCode !== null && a.latencyMs >= 0)).toBe(true);
    const gaps = log.items.map((a) => a.attemptedAt.getTime()).reverse().slice(1).map((t, i, arr) => t - (i === 0 ? start : arr[i - 1]!));
    expect(gaps[0]).toBe(600_000);
    expect(gaps.slice(1)).toEqual(RETRY_SCHEDULE_MS.slice(1));
    const [dl] = await f.db.database.query<{ n: number }>(`select count(*)::int as n from outbox where type = 'delivery.dead_lettered' and data->>'message_id' = $1`, [m!.id]);
    expect(dl!.n).toBe(1);
    // Later messages are not blocked by the dead one; replay keeps the original order.
    rx.respond = () => ({ status: 500 });
    await emit(5, 'order');
    await settle(endpoint.id);
    expect((await f.engine.events.messages.deadLetters(f.actor, { endpointId: endpoint.id })).items).toHaveLength(6);
    rx.requests.length = 0;
    rx.respond = () => ({ status: 200 });
    expect(await f.engine.events.messages.replayRange(f.actor, endpoint.id, { from: new Date(0), to: new Date(f.clock.now().getTime() + 1) })).toBe(6);
    await settle(endpoint.id);
    const order = rx.requests.map((r) => JSON.parse(r.body).data as { tag: string; n: number });
    expect(order.map((d) => `${d.tag}${d.n}`)).toEqual(['dead0', 'order0', 'order1', 'order2', 'order3', 'order4']);
    // The same webhook-id on replay: receivers deduplicate on it.
    expect(rx.requests[0]!.headers['webhook-id']).toBe(m!.id);
    await f.engine.events.endpoints.update(f.actor, endpoint.id, { isActive: false });
  });

  it("delivers an endpoint's messages in seq order even after their rows were rewritten", async () => {
    rx.requests.length = 0;
    const { endpoint } = await setup();
    rx.respond = () => ({ status: 200 });
    // Hold deliveries (an open circuit) while the messages are made, then rewrite the first one's row: its new
    // version sits after the others in the table, so an UPDATE ... RETURNING answers it last.
    await f.db.database.query(`update webhook_endpoints set circuit_open_until = $2 where id = $1`, [endpoint.id, new Date(f.clock.now().getTime() + 3_600_000)]);
    await emit(3, 'heap');
    await f.engine.events.runOnce();
    const made = await f.db.database.query<{ seq: number }>(`select seq from webhook_messages where endpoint_id = $1 order by seq`, [endpoint.id]);
    expect(made).toHaveLength(3);
    await f.db.database.query(`update webhook_messages set last_error = 'rewritten' where seq = $1`, [made[0]!.seq]);
    await f.db.database.query(`update webhook_endpoints set circuit_open_until = null where id = $1`, [endpoint.id]);
    await settle(endpoint.id);
    expect(rx.requests.map((r) => `${JSON.parse(r.body).data.tag}${JSON.parse(r.body).data.n}`)).toEqual(['heap0', 'heap1', 'heap2']);
    await f.engine.events.endpoints.update(f.actor, endpoint.id, { isActive: false });
  });

  it('sends both signatures during a rotation overlap, and only the new one after it', async () => {
    rx.requests.length = 0;
    rx.respond = () => ({ status: 200 });
    const { endpoint, secret: old } = await setup();
    const { secret } = await f.engine.events.endpoints.rotateSecret(f.actor, endpoint.id, 3600_000);
    await emit(1, 'rot');
    await f.engine.events.runOnce();
    const r = rx.requests.at(-1)!;
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyAt(old, r)).toMatchObject({ type: 'record.created' });
    expect(verifyAt(secret.reveal(), r)).toMatchObject({ type: 'record.created' });
    f.clock.advance(3600_001);
    await emit(1, 'rot2');
    await f.engine.events.runOnce();
    expect(String(rx.requests.at(-1)!.headers['webhook-signature']).split(' ')).toHaveLength(1);
    await f.engine.events.endpoints.update(f.actor, endpoint.id, { isActive: false });
  });
});
