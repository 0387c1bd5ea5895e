import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const example = fileURLToPath(new URL('../../../../../sdk-python/examples/json_feed.py', import.meta.url));
const program = { command: 'python3', args: [example] };
/** A program whose spec is broken in two places: `python3 -c <print argv[1]> <spec line> spec`. */
const badSpecLine = JSON.stringify({ type: 'SPEC', spec: { id: 'bad-one', name: 'Bad', vendor: 'X', category: 'other', version: '1', description: 'd', features: ['f'], icon: '🧪', docs_url: 'https://x.example', min_platform_version: '0.1.0', capabilities: ['ingest'], config: { type: 'object', properties: {} }, allowed_hosts: ['x.example'] } });
const badProgram = { command: 'python3', args: ['-c', 'import sys; print(sys.argv[1])', badSpecLine] };

describe.each(testDatabaseKinds())('registered connector programs over the API on %s', (kind) => {
  let hub: TestHub;
  let other: { organizationId: string; adminToken: string };
  const admin = () => hub.auth('admin');
  beforeAll(async () => {
    hub = await createTestHub(kind);
    other = await hub.addOrganization('other');
  });
  afterAll(() => hub.close());

  it('registers a program from its spec (admins only) and describes its schemas and capabilities', async () => {
    const editor = await hub.app.inject({ method: 'POST', url: '/api/integration/connectors', headers: hub.auth('editor'), payload: program });
    expect(editor.statusCode).toBe(403);
    const res = await hub.app.inject({ method: 'POST', url: '/api/integration/connectors', headers: admin(), payload: program });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'json-feed', is_built_in: false, organization_id: hub.organizationId, version: '1.0.0', auth_methods: ['bearer'], process: { command: 'python3', args: [example], cwd: null } });
    const again = await hub.app.inject({ method: 'POST', url: '/api/integration/connectors', headers: admin(), payload: program });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_EXISTS');

    const schema = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/json-feed/schema', headers: hub.auth('viewer') });
    expect(schema.statusCode).toBe(200);
    expect(schema.json()).toMatchObject({ id: 'json-feed', config_schema: { type: 'object', required: ['base_url'] }, auth_methods: [{ type: 'bearer', title: 'API token', schema: { type: 'object', required: ['token'] } }] });
    const capabilities = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/json-feed/capabilities', headers: hub.auth('viewer') });
    expect(capabilities.json()).toEqual({
      id: 'json-feed',
      version: '1.0.0',
      capabilities: ['ingest', 'actions'],
      test_connection: true,
      process_protocol: 'patchbay-process/1',
      streams: [{ name: 'alerts', title: 'Alerts', ocsf_class: 'detection_finding', ocsf_class_uid: 2004, full_refresh: false, permissions: ['alerts:read'], schedule_minutes: 15 }],
      actions: [{ name: 'acknowledge-alert', title: 'Acknowledge an alert', impact: 'low', reverse: null, category: 'correct', read_only: false, permissions: ['alerts:write'], dry_run: false }],
      webhook: null,
      destination: null,
      permissions: [
        { permission: 'alerts:read', used_by: [{ kind: 'stream', name: 'alerts' }] },
        { permission: 'alerts:write', used_by: [{ kind: 'action', name: 'acknowledge-alert' }] },
      ],
    });
    const hidden = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/json-feed/schema', headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(hidden.statusCode).toBe(404);
  });

  it('answers schema and capabilities of a catalogue row without a definition from what it stored', async () => {
    const schema = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/test-source/schema', headers: admin() });
    expect(schema.json()).toEqual({ id: 'test-source', version: '1.0.0', config_schema: { type: 'object' }, auth_methods: [{ type: 'api_key', title: null, description: null, schema: {}, settings: {} }] });
    const capabilities = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/test-source/capabilities', headers: admin() });
    expect(capabilities.json()).toMatchObject({ capabilities: ['ingest'], streams: [], actions: [], process_protocol: null });
  });

  it('names the broken spec field and the command that does not start', async () => {
    const bad = await hub.app.inject({ method: 'POST', url: '/api/integration/connectors', headers: admin(), payload: badProgram });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({ code: 'CONNECTOR_SPEC_INVALID', field: 'spec.version' });
    const missing = await hub.app.inject({ method: 'POST', url: '/api/integration/connectors', headers: admin(), payload: { command: '/nonexistent/program' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.command' });
  });

  it('updates and deletes registered programs, never built-ins or ones in use, and audits each change', async () => {
    const put = await hub.app.inject({ method: 'PUT', url: '/api/integration/connectors/json-feed', headers: admin(), payload: {} });
    expect(put.statusCode, put.body).toBe(200);
    for (const method of ['PUT', 'DELETE'] as const) {
      const builtIn = await hub.app.inject({ method, url: '/api/integration/connectors/test-source', headers: admin(), ...(method === 'PUT' ? { payload: {} } : {}) });
      expect(builtIn.statusCode).toBe(409);
      expect(builtIn.json().code).toBe('CONNECTOR_BUILT_IN');
    }
    const instance = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: admin(), payload: { name: 'feed', connector_id: 'json-feed', configuration: { base_url: 'https://feed.example.com/api/v1' } } });
    expect(instance.statusCode, instance.body).toBe(201);
    const inUse = await hub.app.inject({ method: 'DELETE', url: '/api/integration/connectors/json-feed', headers: admin() });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'CONNECTOR_IN_USE' });
    await hub.app.inject({ method: 'DELETE', url: `/api/integration/instances/${instance.json().id}`, headers: admin() });
    const theirs = await hub.app.inject({ method: 'DELETE', url: '/api/integration/connectors/json-feed', headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(theirs.statusCode).toBe(404);
    const gone = await hub.app.inject({ method: 'DELETE', url: '/api/integration/connectors/json-feed', headers: admin() });
    expect(gone.statusCode).toBe(204);
    expect((await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/json-feed', headers: admin() })).statusCode).toBe(404);
    const audit = await hub.app.inject({ method: 'GET', url: '/api/admin/audit?limit=200', headers: admin() });
    const actions = audit.json().items.map((r: { action: string }) => r.action).filter((a: string) => a.startsWith('connector.'));
    expect(actions.sort()).toEqual(['connector.deleted', 'connector.registered', 'connector.updated']);
  });
});
