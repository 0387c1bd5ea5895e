import { createHmac, randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createEngine } from '../../create-engine.ts';
import { builtInConnectors } from '../../runtime/built-in-connectors.generated.ts';
import { staticKeyProvider } from '../../vault/keys/static-key-provider.ts';
import { secretKey } from '../signing.ts';
import { createEventsFixture, type EventsFixture } from '../testing/fixture.ts';

const connectors = builtInConnectors.filter((c) => c.id === 'webhook-receiver');

describe.each(testDatabaseKinds())('receiving inbound webhooks on %s', (kind) => {
  const keys = staticKeyProvider({ active: randomBytes(32) });
  let f: EventsFixture;
  let instanceId: string;
  beforeAll(async () => {
    f = await createEventsFixture(kind, { connectors, vault: { keys } });
    instanceId = (await f.engine.instances.create(f.actor, { name: 'hooks', connectorId: 'webhook-receiver' })).id;
  });
  afterAll(() => f.close());

  const github = (key: string, secret: string, body: string, delivery: string) =>
    f.engine.events.inbound.receive({ key, rawBody: Buffer.from(body), sourceIp: '127.0.0.1', headers: { 'content-type': 'application/json', 'x-github-delivery': delivery, 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex') } });
  const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { code?: string }) => e.code);

  it('verifies with a rotated secret at once in this process, and in another process once its cached copy is CACHE_MS old', async () => {
    const first = await f.engine.events.inbound.rotate(f.actor, instanceId, { verification: { kind: 'github' } });
    expect(await code(github(first.key, first.secret!.reveal(), '{"n":1}', 'r-1'))).toBe('accepted');
    // Rotated here: the cached copy goes with it.
    const second = await f.engine.events.inbound.rotate(f.actor, instanceId, { keepKey: true });
    expect(second.key).toBe(first.key);
    expect(await code(github(first.key, first.secret!.reveal(), '{"n":2}', 'r-2'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await code(github(first.key, second.secret!.reveal(), '{"n":3}', 'r-3'))).toBe('accepted');
    // Rotated by another process (same database and keys): this one trusts its copy for 5 s of the clock.
    const other = createEngine({ database: f.db.database, clock: f.clock, log: pino({ level: 'silent' }), connectors, vault: { keys } });
    const third = await other.events.inbound.rotate(f.actor, instanceId, { keepKey: true });
    f.clock.advance(5_000);
    expect(await code(github(first.key, second.secret!.reveal(), '{"n":4}', 'r-4'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await code(github(first.key, third.secret!.reveal(), '{"n":5}', 'r-5'))).toBe('accepted');
  });

  it('keeps a body a text column cannot hold (NUL, invalid UTF-8) as malformed without failing the calls stored with it', async () => {
    const { key, secret } = await f.engine.events.inbound.rotate(f.actor, instanceId, { verification: { kind: 'standard-webhooks' } });
    const ts = Math.floor(f.clock.now().getTime() / 1000);
    // Signed over the exact bytes (Standard Webhooks: "{id}.{timestamp}.{body}").
    const sign = (id: string, body: Buffer) => 'v1,' + createHmac('sha256', secretKey(secret!.reveal())).update(Buffer.concat([Buffer.from(`${id}.${ts}.`), body])).digest('base64');
    const send = (id: string, body: Buffer) =>
      f.engine.events.inbound.receive({ key, rawBody: body, sourceIp: '127.0.0.1', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sign(id, body) } });
    // Sent together, so they share one group-commit statement.
    const outcomes = await Promise.all([code(send('ok-1', Buffer.from('{"id":"a"}'))), code(send('nul', Buffer.from('{"id":"b\0"}'))), code(send('latin1', Buffer.from([0x7b, 0xe9, 0x7d]))), code(send('ok-2', Buffer.from('{"id":"c"}')))]);
    expect(outcomes).toEqual(['accepted', 'WEBHOOK_BODY_MALFORMED', 'WEBHOOK_BODY_MALFORMED', 'accepted']);
    const rows = await f.db.database.query<{ message_id: string; status: string; body: string }>(`select message_id, status, body from inbound_webhooks where message_id in ('ok-1', 'nul', 'latin1', 'ok-2') order by message_id`);
    expect(rows).toEqual([
      { message_id: 'latin1', status: 'malformed', body: '{\uFFFD}' },
      { message_id: 'nul', status: 'malformed', body: '{"id":"b\uFFFD"}' },
      { message_id: 'ok-1', status: 'received', body: '{"id":"a"}' },
      { message_id: 'ok-2', status: 'received', body: '{"id":"c"}' },
    ]);
  });
});
