import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { staticKeyProvider } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const SAMPLES = join(import.meta.dirname, '../../../../../../shared/vendor/samples/github-webhooks/payload-examples/api.github.com');

function samples(limit: number): { event: string; body: string }[] {
  const out: { event: string; body: string }[] = [];
  for (const event of readdirSync(SAMPLES).sort()) {
    const dir = join(SAMPLES, event);
    if (!statSync(dir).isDirectory()) continue;
    const file = readdirSync(dir).find((f) => f.endsWith('.json'));
    if (file) out.push({ event, body: readFileSync(join(dir, file), 'utf8') });
    if (out.length >= limit) break;
  }
  return out;
}

describe.each(testDatabaseKinds())('inbound webhooks on %s', (kind) => {
  let hub: TestHub;
  let instanceId: string;
  // The server's log lines (the engine's own logger stays silent).
  const lines: { msg?: string; req?: { url?: string }; reqId?: string }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  beforeAll(async () => {
    hub = await createTestHub(kind, { bodyLimitBytes: 256 * 1024, log }, { vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, events: { inbound: { publicUrl: 'https://hub.example' } } });
    const res = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('admin'), payload: { name: 'gh', connector_id: 'test-source' } });
    expect(res.statusCode, res.body).toBe(201);
    instanceId = res.json().id;
  });
  afterAll(() => hub.close());

  async function rotate(body: Record<string, unknown>) {
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/webhook-secret/rotate`, headers: hub.auth('admin'), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { key: string; url: string; secret: string };
  }

  const post = (key: string, body: string | Buffer, headers: Record<string, string>) => hub.app.inject({ method: 'POST', url: `/api/integration/webhook/${key}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });

  it('verifies and durably stores GitHub sample payloads; rejects bad signatures, replays, malformed and oversized bodies', async () => {
    const { key, url, secret } = await rotate({ verification: { kind: 'github' } });
    expect(url).toBe(`https://hub.example/api/integration/webhook/${key}`);
    const all = samples(40);
    expect(all.length).toBeGreaterThan(10);
    for (const [i, s] of all.entries()) {
      const sig = 'sha256=' + createHmac('sha256', secret).update(s.body).digest('hex');
      const res = await post(key, s.body, { 'x-hub-signature-256': sig, 'x-github-event': s.event, 'x-github-delivery': `d-${i}` });
      expect(res.statusCode, `${s.event}: ${res.body}`).toBe(202);
    }
    const [stored] = await hub.db.database.query<{ n: number }>(`select count(*)::int as n from inbound_webhooks where instance_id = $1 and status = 'received'`, [instanceId]);
    expect(stored!.n).toBe(all.length);
    // The stored body is byte-for-byte what was signed.
    const [row] = await hub.db.database.query<{ body: string; headers: Record<string, string> }>(`select body, headers from inbound_webhooks where message_id = 'd-0'`);
    expect(row!.body).toBe(all[0]!.body);
    expect(row!.headers['x-github-event']).toBe(all[0]!.event);

    const body = all[0]!.body;
    const good = 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
    const bad = await post(key, body, { 'x-hub-signature-256': 'sha256=' + 'a'.repeat(64), 'x-github-delivery': 'x1' });
    expect([bad.statusCode, bad.json().code]).toEqual([401, 'WEBHOOK_SIGNATURE_INVALID']);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const replay = await post(key, body, { 'x-hub-signature-256': good, 'x-github-delivery': 'd-0' });
    expect([replay.statusCode, replay.json().code]).toEqual([409, 'WEBHOOK_REPLAYED']);
    const unknown = await post('nope-' + key, body, { 'x-hub-signature-256': good });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'WEBHOOK_KEY_UNKNOWN']);
    const broken = '{"action": ';
    const malformed = await post(key, broken, { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(broken).digest('hex'), 'x-github-delivery': 'm1' });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'WEBHOOK_BODY_MALFORMED']);
    const [kept] = await hub.db.database.query<{ status: string }>(`select status from inbound_webhooks where message_id = 'm1'`);
    expect(kept!.status).toBe('malformed');
    const huge = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
    const big = await post(key, huge, { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(huge).digest('hex') });
    expect([big.statusCode, big.json().code]).toEqual([413, 'BODY_TOO_LARGE']);
    // Secrets never come back from the settings route.
    const settings = await hub.app.inject({ method: 'GET', url: `/api/integration/instances/${instanceId}/webhook-settings`, headers: hub.auth('viewer') });
    expect(settings.statusCode).toBe(200);
    expect(settings.body).not.toContain(secret);
  });

  it('webhook calls write no per-request log lines (inbound_webhooks records them); other routes still do', async () => {
    const { key, secret } = await rotate({ verification: { kind: 'github' } });
    const body = '{"zen":"quiet"}';
    lines.length = 0;
    const res = await post(key, body, { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex'), 'x-github-delivery': 'log-1' });
    expect(res.statusCode, res.body).toBe(202);
    const unsigned = await post(key, body, { 'x-github-delivery': 'log-2' });
    expect(unsigned.statusCode).toBe(401);
    expect(lines).toEqual([]);
    await hub.app.inject({ method: 'GET', url: `/api/integration/instances/${instanceId}/webhook-settings`, headers: hub.auth('viewer') });
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines[0]!.req?.url).toBe(`/api/integration/instances/${instanceId}/webhook-settings`);
  });

  it('Standard Webhooks inbound: reference-library signatures pass; stale timestamps and replayed ids are refused', async () => {
    const { key, secret } = await rotate({ verification: { kind: 'standard-webhooks' } });
    const wh = new Webhook(secret);
    const body = JSON.stringify({ type: 'x', data: { a: 1 } });
    const now = hub.clock.now();
    const sign = (id: string, at: Date) => ({ 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': wh.sign(id, at, body) });
    expect((await post(key, body, sign('msg_1', now))).statusCode).toBe(202);
    const replayed = await post(key, body, sign('msg_1', now));
    expect([replayed.statusCode, replayed.json().code]).toEqual([409, 'WEBHOOK_REPLAYED']);
    const stale = await post(key, body, sign('msg_2', new Date(now.getTime() - 10 * 60_000)));
    expect([stale.statusCode, stale.json().code]).toEqual([401, 'WEBHOOK_TIMESTAMP_STALE']);
  });

  it('generic HMAC with a configurable header, Slack signing, bearer tokens and the IP allow-list', async () => {
    const body = '{"ok":true}';
    let r = await rotate({ verification: { kind: 'hmac-sha256', header: 'X-Signature', encoding: 'base64', prefix: 'sha256=' } });
    expect((await post(r.key, body, { 'x-signature': 'sha256=' + createHmac('sha256', r.secret).update(body).digest('base64') })).statusCode).toBe(202);
    expect((await post(r.key, body, { 'x-signature': 'sha256=' + createHmac('sha256', 'wrong').update(body).digest('base64') })).statusCode).toBe(401);
    r = await rotate({ verification: { kind: 'slack' }, secret: 'slack-signing-secret' });
    const ts = String(Math.floor(hub.clock.now().getTime() / 1000));
    const slackSig = 'v0=' + createHmac('sha256', 'slack-signing-secret').update(`v0:${ts}:${body}`).digest('hex');
    expect((await post(r.key, body, { 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSig })).statusCode).toBe(202);
    r = await rotate({ verification: { kind: 'bearer' } });
    expect((await post(r.key, body, { authorization: `Bearer ${r.secret}` })).statusCode).toBe(202);
    expect((await post(r.key, body, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    r = await rotate({ verification: { kind: 'bearer' }, ip_allow_list: ['10.0.0.0/8'] });
    const refused = await post(r.key, body, { authorization: `Bearer ${r.secret}` });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'WEBHOOK_IP_NOT_ALLOWED']);
    r = await rotate({ verification: { kind: 'bearer' }, ip_allow_list: ['127.0.0.0/8'] });
    expect((await post(r.key, body, { authorization: `Bearer ${r.secret}` })).statusCode).toBe(202);
  });

  it('serves the event catalogue and subscription/endpoint CRUD, audited, secrets shown once', async () => {
    const types = await hub.app.inject({ method: 'GET', url: '/api/integration/events/types', headers: hub.auth('viewer') });
    const names = types.json().items.map((t: { type: string }) => t.type);
    for (const t of ['record.created', 'record.updated', 'record.deleted', 'finding.created', 'sync.completed', 'sync.failed', 'instance.health_changed', 'stream.stale', 'credential.expiring', 'credential.refresh_failed', 'delivery.failed', 'delivery.dead_lettered']) expect(names).toContain(t);
    const ep = await hub.app.inject({ method: 'POST', url: '/api/integration/webhooks', headers: hub.auth('admin'), payload: { url: 'http://127.0.0.1:9/x', allow_private_network: true } });
    expect(ep.statusCode, ep.body).toBe(201);
    expect(ep.json().secret).toMatch(/^whsec_/);
    const got = await hub.app.inject({ method: 'GET', url: `/api/integration/webhooks/${ep.json().id}`, headers: hub.auth('viewer') });
    expect(got.body).not.toContain(ep.json().secret);
    const editorPrivate = await hub.app.inject({ method: 'POST', url: '/api/integration/webhooks', headers: hub.auth('editor'), payload: { url: 'http://127.0.0.1:9/x', allow_private_network: true } });
    expect(editorPrivate.statusCode).toBe(403);
    const blocked = await hub.app.inject({ method: 'POST', url: '/api/integration/webhooks', headers: hub.auth('editor'), payload: { url: 'http://127.0.0.1:9/x' } });
    expect([blocked.statusCode, blocked.json().code]).toEqual([400, 'PRIVATE_NETWORK_BLOCKED']);
    const sub = await hub.app.inject({ method: 'POST', url: '/api/integration/event-subscriptions', headers: hub.auth('editor'), payload: { event_type: 'record.*', filter_criteria: { severity_at_least: 4, predicate: 'data.stream = "alerts"' }, action_type: 'webhook', action_config: { endpoint_id: ep.json().id } } });
    expect(sub.statusCode, sub.body).toBe(201);
    const badPredicate = await hub.app.inject({ method: 'POST', url: '/api/integration/event-subscriptions', headers: hub.auth('editor'), payload: { event_type: 'record.*', filter_criteria: { predicate: 'data.(' }, action_type: 'webhook', action_config: { endpoint_id: ep.json().id } } });
    expect([badPredicate.statusCode, badPredicate.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const other = await hub.addOrganization('other');
    const foreign = await hub.app.inject({ method: 'GET', url: `/api/integration/event-subscriptions/${sub.json().id}`, headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(foreign.statusCode).toBe(404);
    const upd = await hub.app.inject({ method: 'PUT', url: `/api/integration/event-subscriptions/${sub.json().id}`, headers: hub.auth('editor'), payload: { is_active: false } });
    expect(upd.json().is_active).toBe(false);
    const rot = await hub.app.inject({ method: 'POST', url: `/api/integration/webhooks/${ep.json().id}/secret/rotate`, headers: hub.auth('admin'), payload: {} });
    expect(rot.json().secret).not.toBe(ep.json().secret);
    const audit = await hub.db.database.query<{ action: string; details: unknown }>(`select action, details from audit_log where action like 'webhook_endpoint.%' or action like 'event_subscription.%' or action like 'instance.webhook_secret%'`);
    const actions = audit.map((a) => a.action);
    for (const a of ['webhook_endpoint.created', 'webhook_endpoint.secret_rotated', 'event_subscription.created', 'event_subscription.updated', 'instance.webhook_secret_created']) expect(actions).toContain(a);
    expect(JSON.stringify(audit)).not.toContain(ep.json().secret);
    const del = await hub.app.inject({ method: 'DELETE', url: `/api/integration/event-subscriptions/${sub.json().id}`, headers: hub.auth('editor') });
    expect(del.statusCode).toBe(204);
  });
});
