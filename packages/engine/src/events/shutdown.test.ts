import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createEngine, type Engine } from '../create-engine.ts';
import { waitFor } from '../workers/test-support.ts';
import { staticKeyProvider } from '../vault/keys/static-key-provider.ts';
import { createEventsFixture, type EventsFixture } from '../webhooks/testing/fixture.ts';
import { emitEvents } from './envelope.ts';

/** A receiver that answers each request after `delayMs` (real time), recording webhook-id and body. */
async function slowReceiver(delayMs: number) {
  const seen: { id: string; n: number }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { n: number } };
      seen.push({ id: String(req.headers['webhook-id']), n: body.data.n });
      setTimeout(() => res.writeHead(200).end('ok'), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(testDatabaseKinds())('stopping the event loops on %s', (kind) => {
  const key = randomBytes(32);
  const options = { vault: { keys: staticKeyProvider({ active: key }) }, events: { pollMs: 5, dispatcher: { batchSize: 10 }, delivery: { batchSize: 5 } } };
  let f: EventsFixture;
  let rx: Awaited<ReturnType<typeof slowReceiver>>;
  let restarted: Engine | undefined;
  beforeAll(async () => {
    f = await createEventsFixture(kind, options);
    rx = await slowReceiver(3);
  });
  afterAll(async () => {
    await restarted?.events.stop();
    await f.engine.events.stop();
    await rx.close();
    await f.close();
  });

  it('stopped mid-dispatch and restarted, every event is delivered, in order, and none twice', async () => {
    const { endpoint } = await f.engine.events.endpoints.create(f.actor, { url: rx.url, allowPrivateNetwork: true });
    await f.engine.events.subscriptions.create(f.actor, { eventType: 'record.*', actionType: 'webhook', actionConfig: { endpoint_id: endpoint.id } });
    let n = 0;
    const emit = (count: number) =>
      f.db.database.db.transaction((tx) => emitEvents(tx, Array.from({ length: count }, () => ({ organizationId: f.actor.organizationId, type: 'record.created', occurredAt: f.clock.now(), data: { n: n++, class_uid: 1001 } }))));
    f.engine.events.start();
    // Producers keep writing while the loops run; the stop lands in the middle of dispatch and delivery.
    for (let i = 0; i < 6; i++) await emit(10);
    await waitFor(() => rx.seen.length >= 15, 'the first deliveries');
    await f.engine.events.stop();
    const [left] = await f.db.database.query<{ delivering: number; undelivered: number }>(
      `select count(*) filter (where status = 'delivering')::int as delivering, count(*) filter (where status <> 'delivered')::int as undelivered from webhook_messages where endpoint_id = $1`,
      [endpoint.id],
    );
    // A stop finishes the round in flight: nothing is left leased to a stopped process.
    expect(left!.delivering).toBe(0);
    const seenAtStop = rx.seen.length;
    await emit(20); // written while nothing dispatches
    await new Promise((r) => setTimeout(r, 50));
    expect(rx.seen.length).toBe(seenAtStop);
    expect(n - seenAtStop).toBeGreaterThan(0);

    restarted = createEngine({ database: f.db.database, clock: f.clock, log: pino({ level: 'silent' }), ...options });
    restarted.events.start();
    await waitFor(() => rx.seen.length >= n, `all ${n} deliveries`, 20_000);
    await restarted.events.stop();
    const ids = new Set(rx.seen.map((s) => s.id));
    expect(ids.size).toBe(n);
    expect(rx.seen.length).toBe(n); // a graceful stop duplicates nothing (a crash may: at least once)
    expect(rx.seen.map((s) => s.n)).toEqual(Array.from({ length: n }, (_, i) => i));
    const [done] = await f.db.database.query<{ n: number }>(`select count(*)::int as n from webhook_messages where endpoint_id = $1 and status = 'delivered'`, [endpoint.id]);
    expect(done!.n).toBe(n);
  }, 30_000);
});
