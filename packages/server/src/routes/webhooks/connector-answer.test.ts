import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const receiver = builtInConnectors.filter((c) => c.id === 'webhook-receiver');

describe.each(testDatabaseKinds())('inbound webhooks through a connector on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: receiver, vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, events: { inbound: { publicUrl: 'https://hub.example/' } } });
  });
  afterAll(() => hub.close());

  const post = (key: string, body: string, headers: Record<string, string>) => hub.app.inject({ method: 'POST', url: `/api/integration/webhook/${key}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });
  const create = (name: string, connectorId: string, configuration: Record<string, unknown> = {}) =>
    hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name, connector_id: connectorId, configuration } });

  it('gives a new instance of a webhook connector its URL and secret once; the handler gets the instance configuration and shapes the answer', async () => {
    const res = await create('acme hooks', 'webhook-receiver', { source_name: 'Acme SIEM', event_type_header: 'X-Acme-Event' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, webhook } = res.json() as { id: string; webhook: { key: string; url: string; secret: string; secret_source: string; verification: { kind: string } } };
    expect(webhook.url).toBe(`https://hub.example/api/integration/webhook/${webhook.key}`);
    expect(webhook.secret).toMatch(/^whsec_/);
    expect([webhook.secret_source, webhook.verification.kind]).toEqual(['generated', 'standard-webhooks']);
    // Shown once: neither the instance nor its settings carry the secret afterwards.
    for (const url of [`/api/integration/instances/${id}`, `/api/integration/instances/${id}/webhook-settings`]) {
      const got = await hub.app.inject({ method: 'GET', url, headers: hub.auth('viewer') });
      expect(got.statusCode).toBe(200);
      expect(got.body).not.toContain(webhook.secret);
    }
    const plain = await create('no hooks', 'test-source');
    expect(plain.json().webhook).toBeUndefined();

    const body = JSON.stringify({ id: 'evt-1', type: 'alert', severity: 'high' });
    const at = hub.clock.now();
    const signed = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(webhook.secret).sign('msg_1', at, body), 'x-acme-event': 'detection' };
    const answer = await post(webhook.key, body, signed);
    // The connector's own answer (webhook-receiver counts what it received), after the row is stored.
    expect([answer.statusCode, answer.json()]).toEqual([202, { received: 1 }]);
    expect(await hub.engine.events.inbound.processOnce()).toBe(1);
    const [record] = await hub.db.database.query<{ data: { metadata: { product: { name: string } }; unmapped?: unknown }; message: string }>(
      `select data, data->>'message' as message from records where instance_id = $1`,
      [id],
    );
    expect(record!.data.metadata.product.name).toBe('Acme SIEM');
    expect(record!.message).toBe('Acme SIEM detection.alert');
    // Signature headers are not stored; the vendor's own are.
    const [stored] = await hub.db.database.query<{ headers: Record<string, string> }>(`select headers from inbound_webhooks where instance_id = $1`, [id]);
    expect(stored!.headers['x-acme-event']).toBe('detection');
    expect(stored!.headers['webhook-signature']).toBeUndefined();
  });

  it("answers Slack's url_verification challenge, only once Slack's signature is verified", async () => {
    const res = await create('slack', 'webhook-receiver');
    const { id, webhook } = res.json() as { id: string; webhook: { key: string } };
    // The vendor issues Slack's signing secret: set it on the URL already handed out.
    const rotated = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${id}/webhook-secret/rotate`, headers: hub.auth('admin'), payload: { verification: { kind: 'slack' }, secret: 'slack-signing-secret', keep_key: true } });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().key).toBe(webhook.key);
    const body = JSON.stringify({ token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
    const ts = String(Math.floor(hub.clock.now().getTime() / 1000));
    const sign = (secret: string) => 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
    const forged = await post(webhook.key, body, { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign('not the secret') });
    expect([forged.statusCode, forged.json().code]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    const ok = await post(webhook.key, body, { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign('slack-signing-secret') });
    expect([ok.statusCode, ok.json()]).toEqual([200, { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' }]);
    // Processing the stored challenge makes no records and is not a failure.
    await hub.engine.events.inbound.processOnce();
    const rows = await hub.db.database.query<{ status: string }>(`select status from inbound_webhooks where instance_id = $1`, [id]);
    expect(rows.map((r) => r.status)).toEqual(['processed']);
  });

  it('a handler that refuses a body answers the sender with its status and the stored call is marked failed', async () => {
    const res = await create('array only', 'webhook-receiver', { record_path: 'items' });
    const { id, webhook } = res.json() as { id: string; webhook: { key: string; secret: string } };
    const body = JSON.stringify({ nothing: 'here' });
    const at = hub.clock.now();
    const answer = await post(webhook.key, body, { 'webhook-id': 'msg_x', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(webhook.secret).sign('msg_x', at, body) });
    expect(answer.statusCode).toBe(422);
    await hub.engine.events.inbound.processOnce();
    const [row] = await hub.db.database.query<{ status: string; error: string }>(`select status, error from inbound_webhooks where instance_id = $1`, [id]);
    expect(row!.status).toBe('failed');
    expect(row!.error).toMatch(/422.*record_path/);
  });
});
