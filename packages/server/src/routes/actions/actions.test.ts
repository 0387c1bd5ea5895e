import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emitEvents, staticKeyProvider } from '@patchbay/engine';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';
import { actionLabConnector } from './action-lab-connector.ts';

const API_KEY = `lab-key-${randomBytes(8).toString('hex')}`;
const TICKET_TOKEN = `ticket-${randomBytes(8).toString('hex')}`;
const APPROVAL_TTL_MS = 2 * 3_600_000;

describe.each(testDatabaseKinds())('response actions on %s', (kind) => {
  let hub: TestHub;
  let vendor: LocalServer;
  let instanceId: string;

  const call = async (role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    expect(res.body).not.toContain(API_KEY);
    expect(res.body).not.toContain(TICKET_TOKEN);
    return res;
  };
  const invoke = (role: Role, action: string, body: Record<string, unknown>) => call(role, 'POST', `/api/integration/instances/${instanceId}/actions/${action}`, body);
  const paths = () => vendor.requests.map((r) => `${r.method} ${r.url}`);
  const auditOf = async (targetId: string) => (await call('admin', 'GET', `/api/admin/audit?limit=200`)).json().items.filter((r: { target_id: string }) => r.target_id === targetId).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    vendor = await startLocalServer((req, res) => {
      const body = req.body ? (JSON.parse(req.body) as { host?: string }) : {};
      const state = { '/isolate': 'isolated', '/release': 'normal', '/tag': 'tagged', '/untag': 'untagged' }[req.url ?? ''];
      if (req.url === '/tag' && body.host === 'broken') {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no such host' }));
        return;
      }
      const host = state ? body.host : req.url?.split('/').pop();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ host, state: state ?? 'normal' }));
    });
    hub = await createTestHub(kind, {}, { connectors: [actionLabConnector], vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, actions: { approvalTtlMs: APPROVAL_TTL_MS } });
    const credential = await call('admin', 'POST', '/api/integration/auth-configs', { name: 'lab-key', auth_type: 'api_key', credentials: { api_key: API_KEY, header_name: 'X-Api-Key' } });
    expect(credential.statusCode, credential.body).toBe(201);
    const instance = await call('admin', 'POST', '/api/integration/instances', { name: 'lab', connector_id: 'action-lab', configuration: { base_url: vendor.url }, auth_config_id: credential.json().id, allow_private_network: true });
    expect(instance.statusCode, instance.body).toBe(201);
    instanceId = instance.json().id;
  });
  afterAll(async () => {
    await hub.close();
    await vendor.close();
  });
  beforeEach(() => {
    (vendor.requests as unknown[]).length = 0;
  });

  it('dry run: validates, shows the planned request, sends and stores nothing (dry_run and dryRun)', async () => {
    for (const flag of ['dry_run', 'dryRun']) {
      const res = await invoke('editor', 'isolate-host', { input: { host: 'web-1', ticket_token: TICKET_TOKEN }, [flag]: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ dry_run: true, action: 'isolate-host', impact: 'high', requires_approval: true, input: { host: 'web-1', ticket_token: '••••••••' }, requests: [{ method: 'POST', url: '/isolate', body: { host: 'web-1' } }] });
    }
    expect(paths()).toEqual([]);
    expect((await call('viewer', 'GET', '/api/integration/action-runs')).json().items).toEqual([]);
    const bad = await invoke('editor', 'isolate-host', { input: { host: 'NOT A HOST' }, dry_run: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.input.host' });
    const unknown = await invoke('editor', 'format-disk', { input: {} });
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND', field: 'name' });
  });

  it('runs a low-impact action at once with the vault credential; the run shows who, what, result, vendor response, duration', async () => {
    const res = await invoke('editor', 'lookup-host', { input: { host: 'web-2', ticket_token: TICKET_TOKEN } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({ status: 'succeeded', action: 'lookup-host', trigger: 'manual', requires_approval: false, requested_by_label: expect.stringMatching(/^editor@example.com/), input: { host: 'web-2', ticket_token: '••••••••' }, result: { host: 'web-2', state: 'normal' }, error: null });
    expect(run.vendor_response.exchanges).toEqual([expect.objectContaining({ method: 'GET', status: 200, attempt: 1 })]);
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    expect(vendor.requests.map((r) => r.headers['x-api-key'])).toEqual([API_KEY]);
    const read = await call('viewer', 'GET', `/api/integration/action-runs/${run.id}`);
    expect(read.json()).toEqual(run);
    expect(await auditOf(run.id)).toEqual(expect.arrayContaining(['action_run.requested', 'action_run.succeeded']));
  });

  it('records a vendor refusal as a failed run', async () => {
    const res = await invoke('editor', 'tag-host', { input: { host: 'broken' } });
    expect(res.json()).toMatchObject({ status: 'failed', error: { code: 'VENDOR_REQUEST_REJECTED' } });
    expect(res.json().vendor_response.exchanges[0]).toMatchObject({ status: 400 });
  });

  it('a high-impact action waits for an approval by a different admin or editor, then runs; all audited', async () => {
    const res = await invoke('editor', 'isolate-host', { input: { host: 'web-3' } });
    const run = res.json();
    expect(run).toMatchObject({ status: 'pending_approval', requires_approval: true, result: null });
    expect(new Date(run.approval_expires_at).getTime() - new Date(run.created_at).getTime()).toBe(APPROVAL_TTL_MS);
    expect(paths()).toEqual([]);
    const self = await call('editor', 'POST', `/api/integration/action-runs/${run.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('APPROVAL_SEPARATION_OF_DUTIES');
    const viewer = await call('viewer', 'POST', `/api/integration/action-runs/${run.id}/approve`, {});
    expect(viewer.json().code).toBe('FORBIDDEN');
    expect(paths()).toEqual([]);
    const approved = await call('admin', 'POST', `/api/integration/action-runs/${run.id}/approve`, { comment: 'confirmed malware' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'succeeded', decided_by_label: expect.stringMatching(/^admin@localhost/), decision_comment: 'confirmed malware', result: { host: 'web-3', state: 'isolated' } });
    expect(paths()).toEqual(['POST /isolate']);
    const again = await call('admin', 'POST', `/api/integration/action-runs/${run.id}/approve`, {});
    expect(again.json().code).toBe('INVALID_STATE_TRANSITION');
    expect(await auditOf(run.id)).toEqual(expect.arrayContaining(['action_run.requested', 'action_run.approved', 'action_run.succeeded']));
  });

  it('a rejected run never runs', async () => {
    const run = (await invoke('admin', 'isolate-host', { input: { host: 'web-4' } })).json();
    const rejected = await call('editor', 'POST', `/api/integration/action-runs/${run.id}/reject`, { comment: 'false positive' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decided_by_label: expect.stringMatching(/^editor@example.com/) });
    expect((await call('editor', 'POST', `/api/integration/action-runs/${run.id}/approve`, {})).json().code).toBe('INVALID_STATE_TRANSITION');
    expect(paths()).toEqual([]);
    expect(await auditOf(run.id)).toContain('action_run.rejected');
  });

  it('approval requests expire on the clock (housekeeping), and cannot be approved after', async () => {
    const swept = (await invoke('editor', 'isolate-host', { input: { host: 'web-5' } })).json();
    hub.clock.advance(APPROVAL_TTL_MS - 1000);
    expect(await hub.engine.actions.checkExpiry()).toMatchObject({ expired: 0 });
    const late = (await invoke('editor', 'isolate-host', { input: { host: 'web-6' } })).json();
    hub.clock.advance(2000);
    expect(await hub.engine.actions.checkExpiry()).toMatchObject({ expired: 1 });
    expect((await call('viewer', 'GET', `/api/integration/action-runs/${swept.id}`)).json().status).toBe('expired');
    expect(await auditOf(swept.id)).toContain('action_run.expired');
    hub.clock.advance(APPROVAL_TTL_MS);
    // Not swept yet, but past its expiry: approving it expires it instead.
    const refused = await call('admin', 'POST', `/api/integration/action-runs/${late.id}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect((await call('viewer', 'GET', `/api/integration/action-runs/${late.id}`)).json().status).toBe('expired');
    expect(paths()).toEqual([]);
  });

  it('reverses a run by hand with its declared reverse, without a second approval, once', async () => {
    const run = (await invoke('editor', 'isolate-host', { input: { host: 'web-7' } })).json();
    await call('admin', 'POST', `/api/integration/action-runs/${run.id}/approve`, {});
    const reversal = await call('editor', 'POST', `/api/integration/action-runs/${run.id}/reverse`);
    expect(reversal.statusCode, reversal.body).toBe(200);
    expect(reversal.json()).toMatchObject({ action: 'release-host', status: 'succeeded', trigger: 'reversal', reverses_run_id: run.id, requires_approval: false, input: { host: 'web-7' }, result: { state: 'normal' } });
    expect(paths()).toEqual(['POST /isolate', 'POST /release']);
    expect(JSON.parse(vendor.requests[1]!.body)).toEqual({ host: 'web-7' });
    const original = (await call('viewer', 'GET', `/api/integration/action-runs/${run.id}`)).json();
    expect(original).toMatchObject({ status: 'reversed', reversed_by_run_id: reversal.json().id });
    expect(await auditOf(run.id)).toEqual(expect.arrayContaining(['action_run.reverse_requested', 'action_run.reversed']));
    const twice = await call('editor', 'POST', `/api/integration/action-runs/${run.id}/reverse`);
    expect(twice.json().code).toBe('ACTION_NOT_REVERSIBLE');
    const lookup = (await invoke('editor', 'lookup-host', { input: { host: 'web-7' } })).json();
    expect((await call('editor', 'POST', `/api/integration/action-runs/${lookup.id}/reverse`)).json().code).toBe('ACTION_NOT_REVERSIBLE');
  });

  it('reverses automatically when expires_in_seconds passes', async () => {
    const bad = await invoke('editor', 'lookup-host', { input: { host: 'web-8' }, expires_in_seconds: 600 });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.expires_in_seconds' });
    const run = (await invoke('editor', 'isolate-host', { input: { host: 'web-8' }, expires_in_seconds: 600 })).json();
    const approved = (await call('admin', 'POST', `/api/integration/action-runs/${run.id}/approve`, {})).json();
    expect(new Date(approved.reverse_at).getTime() - new Date(approved.finished_at).getTime()).toBe(600_000);
    hub.clock.advance(599_000);
    expect(await hub.engine.actions.checkExpiry()).toMatchObject({ reversed: 0 });
    hub.clock.advance(2000);
    expect(await hub.engine.actions.checkExpiry()).toMatchObject({ reversed: 1 });
    expect(paths()).toEqual(['POST /isolate', 'POST /release']);
    const original = (await call('viewer', 'GET', `/api/integration/action-runs/${run.id}`)).json();
    expect(original).toMatchObject({ status: 'reversed', reverse_at: null });
    const reversal = (await call('viewer', 'GET', `/api/integration/action-runs/${original.reversed_by_run_id}`)).json();
    expect(reversal).toMatchObject({ trigger: 'expiry', status: 'succeeded', requested_by_label: 'system:action-expiry' });
    expect(await hub.engine.actions.checkExpiry()).toMatchObject({ reversed: 0 });
  });

  it('refuses runs over a blast-radius limit with 429 ACTION_LIMIT_EXCEEDED, and allows them again after the window', async () => {
    const bad = await call('admin', 'PUT', `/api/integration/instances/${instanceId}/action-limits`, { items: [{ action: 'nope', max_runs: 1, per_seconds: 60 }] });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'items.0.action' });
    expect((await call('editor', 'PUT', `/api/integration/instances/${instanceId}/action-limits`, { items: [] })).statusCode).toBe(403);
    const set = await call('admin', 'PUT', `/api/integration/instances/${instanceId}/action-limits`, { items: [{ action: 'tag-host', max_runs: 2, per_seconds: 3600 }] });
    expect(set.json().items).toEqual([{ action: 'tag-host', max_runs: 2, per_seconds: 3600 }]);
    expect((await call('viewer', 'GET', `/api/integration/instances/${instanceId}/action-limits`)).json().items).toHaveLength(1);
    hub.clock.advance(3_600_000);
    const first = (await invoke('editor', 'tag-host', { input: { host: 'a' } })).json();
    hub.clock.advance(60_000);
    expect((await invoke('editor', 'tag-host', { input: { host: 'b' } })).json().status).toBe('succeeded');
    const over = await invoke('editor', 'tag-host', { input: { host: 'c' } });
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'ACTION_LIMIT_EXCEEDED' });
    expect(over.headers['retry-after']).toBe('3540');
    // Reversals are never limited: undoing must stay possible.
    expect((await call('editor', 'POST', `/api/integration/action-runs/${first.id}/reverse`)).json().status).toBe('succeeded');
    expect(paths()).toEqual(['POST /tag', 'POST /tag', 'POST /untag']);
    hub.clock.advance(3_541_000);
    expect((await invoke('editor', 'tag-host', { input: { host: 'c' } })).json().status).toBe('succeeded');
    await call('admin', 'PUT', `/api/integration/instances/${instanceId}/action-limits`, { items: [] });
  });

  it('subscriptions invoke actions; high-impact ones still wait for approval', async () => {
    const wrong = await call('editor', 'POST', '/api/integration/event-subscriptions', { event_type: 'record.created', action_type: 'action', action_config: { instance_id: instanceId, action: 'isolate-host', input: { host: 'BAD HOST' } } });
    expect(wrong.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action_config.input.host' });
    for (const action of ['isolate-host', 'tag-host']) {
      const sub = await call('editor', 'POST', '/api/integration/event-subscriptions', { name: action, event_type: 'record.created', action_type: 'action', action_config: { instance_id: instanceId, action, input: { host: 'web-9' } } });
      expect(sub.statusCode, sub.body).toBe(201);
    }
    const recordId = '5f0c6a52-9a55-4a4c-8d36-1f7d1b2f2e11';
    await hub.engine.deps.database.db.transaction((tx) => emitEvents(tx, [{ organizationId: hub.organizationId, instanceId, type: 'record.created', occurredAt: hub.clock.now(), data: { record_id: recordId, instance_id: instanceId, stream: 's', external_id: 'e', class_uid: 2004, severity_id: 5, record: {} } }]));
    await hub.engine.events.dispatcher.drain();
    const runs = (await call('viewer', 'GET', '/api/integration/action-runs?limit=200')).json().items.filter((r: { trigger: string }) => r.trigger === 'subscription');
    expect(runs.map((r: { action: string; status: string; record_id: string }) => [r.action, r.status, r.record_id]).sort()).toEqual([
      ['isolate-host', 'pending_approval', recordId],
      ['tag-host', 'succeeded', recordId],
    ]);
    expect(paths()).toEqual(['POST /tag']);
    const pending = runs.find((r: { action: string }) => r.action === 'isolate-host');
    expect((await call('editor', 'POST', `/api/integration/action-runs/${pending.id}/approve`, {})).json().status).toBe('succeeded');
  });

  it('keeps runs of another organisation out of sight', async () => {
    const other = await hub.addOrganization('other-actions');
    const theirs = { authorization: `Bearer ${other.adminToken}` };
    const mine = (await call('viewer', 'GET', '/api/integration/action-runs')).json().items[0];
    for (const [method, url] of [['GET', `/api/integration/action-runs/${mine.id}`], ['POST', `/api/integration/action-runs/${mine.id}/reverse`], ['POST', `/api/integration/instances/${instanceId}/actions/lookup-host`], ['GET', `/api/integration/instances/${instanceId}/action-limits`]] as const) {
      const res = await hub.app.inject({ method, url, headers: theirs, payload: method === 'POST' ? { input: { host: 'x' } } : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await hub.app.inject({ method: 'GET', url: '/api/integration/action-runs', headers: theirs })).json().items).toEqual([]);
  });
});
