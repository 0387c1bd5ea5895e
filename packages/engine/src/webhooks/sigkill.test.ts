import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { emitEvents } from '../events/envelope.ts';
import { systemActor } from '../lib/actor.ts';
import { staticKeyProvider } from '../vault/keys/static-key-provider.ts';
import { startReceiver, type Receiver } from './testing/fixture.ts';

const CHILD = fileURLToPath(new URL('./testing/deliver-child.ts', import.meta.url));

// A second process needs a shared database: PostgreSQL only (PGlite is one process by design).
describe.runIf(testDatabaseKinds().includes('postgres'))('SIGKILL of the dispatching process mid-delivery', () => {
  let db: TestDatabase;
  let rx: Receiver;
  const masterKey = randomBytes(32);
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
    await db.close();
  });

  it('loses nothing: the lease expires and another process delivers the message with the same webhook-id', async () => {
    const make = (clock?: ManualClock): Engine => createEngine({ database: db.database, clock, log: pino({ level: 'silent' }), vault: { keys: staticKeyProvider({ active: masterKey }) } });
    const engine = make();
    const boot = await engine.start();
    const actor = { ...systemActor(boot!.organizationId, 'tests'), type: 'user' as const };
    const { endpoint } = await engine.events.endpoints.create(actor, { url: rx.url, allowPrivateNetwork: true });
    await engine.events.subscriptions.create(actor, { eventType: '*', actionType: 'webhook', actionConfig: { endpoint_id: endpoint.id } });
    await engine.events.dispatcher.drain();
    await db.database.db.transaction((tx) => emitEvents(tx, [{ organizationId: actor.organizationId, type: 'sync.completed', occurredAt: new Date(), data: { n: 1 } }]));
    await engine.events.dispatcher.drain();

    // The receiver holds the first request open; the child is killed while waiting for the answer.
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    rx.respond = (_b, i) => {
      if (i > 0) return { status: 200 };
      arrived();
      return { status: 0 };
    };
    const child = fork(CHILD, [], { env: { ...process.env, PATCHBAY_TEST_DB_URL: db.url!, PATCHBAY_TEST_MASTER_KEY: masterKey.toString('base64') }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await first;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const [row] = await db.database.query<{ status: string }>(`select status from webhook_messages where endpoint_id = $1`, [endpoint.id]);
    // Killed mid-delivery: the message is still leased to the dead process, not lost.
    expect(row!.status).toBe('delivering');
    const clock = new ManualClock(new Date(Date.now() + 61_000));
    const again = make(clock);
    await again.events.deliveries.drain();
    const [after] = await db.database.query<{ status: string; id: string }>(`select status, id from webhook_messages where endpoint_id = $1`, [endpoint.id]);
    expect(after!.status).toBe('delivered');
    expect(rx.requests.every((r) => r.headers['webhook-id'] === after!.id)).toBe(true);
    await again.events.stop();
  }, 30_000);
});
