import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { builtInConnectors } from '../../runtime/built-in-connectors.generated.ts';
import { signStandard } from '../signing.ts';
import { createEventsFixture, type EventsFixture } from '../testing/fixture.ts';

const CHILD = fileURLToPath(new URL('../testing/process-inbound-child.ts', import.meta.url));
const N = 200;

// Two processes need a shared database: PostgreSQL only (PGlite is one process by design).
describe.runIf(testDatabaseKinds().includes('postgres'))('inbound processing in two processes on PostgreSQL', () => {
  let f: EventsFixture;
  beforeAll(async () => {
    f = await createEventsFixture('postgres', { connectors: builtInConnectors.filter((c) => c.id === 'webhook-receiver') });
  });
  afterAll(async () => {
    await f.engine.events.stop();
    await f.close();
  });

  it('processes every stored webhook exactly once while both take from the same queue', async () => {
    const instance = await f.engine.instances.create(f.actor, { name: 'hooks', connectorId: 'webhook-receiver' });
    const { key, secret } = await f.engine.events.inbound.rotate(f.actor, instance.id);
    const ts = Math.floor(f.clock.now().getTime() / 1000);
    await Promise.all(
      Array.from({ length: N }, (_, i) => {
        const body = JSON.stringify({ id: `evt-${i}`, type: 'alert' });
        const headers = { 'content-type': 'application/json', 'webhook-id': `msg_${i}`, 'webhook-timestamp': String(ts), 'webhook-signature': signStandard(secret!.reveal(), `msg_${i}`, ts, body) };
        return f.engine.events.inbound.receive({ key, headers, rawBody: Buffer.from(body), sourceIp: '127.0.0.1' });
      }),
    );
    const child = fork(CHILD, [], { env: { ...process.env, PATCHBAY_TEST_DB_URL: f.db.url! }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    await new Promise<void>((resolve) => child.once('message', () => resolve()));
    const theirs = new Promise<number>((resolve) => child.on('message', (m: { taken?: number }) => m.taken !== undefined && resolve(m.taken)));
    child.send('go');
    let mine = 0;
    for (let idle = 0; idle < 3; ) {
      const n = await f.engine.events.inbound.processOnce(20);
      mine += n;
      idle = n === 0 ? idle + 1 : 0;
    }
    const taken = await theirs;
    await new Promise((r) => child.once('exit', r));
    expect(mine + taken).toBe(N);
    const [counts] = await f.db.database.query<{ processed: number; executions: number; records: number; received: number }>(
      `select (select count(*)::int from inbound_webhooks where status = 'processed') as processed,
              (select count(*)::int from inbound_webhooks where status <> 'processed') as received,
              (select count(*)::int from sync_executions where trigger = 'webhook') as executions,
              (select count(*)::int from records where instance_id = $1) as records`,
      [instance.id],
    );
    // One execution per stored call: none was processed twice.
    expect(counts).toEqual({ processed: N, received: 0, executions: N, records: N });
  }, 60_000);
});
