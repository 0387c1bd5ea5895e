import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from './testing/test-hub.ts';

describe.each(testDatabaseKinds())('organisation isolation on %s', (kind) => {
  let hub: TestHub;
  let other: { organizationId: string; adminToken: string };
  let instanceId: string;
  let tokenId: string;
  const mine = () => hub.auth('admin');
  const theirs = () => ({ authorization: `Bearer ${other.adminToken}` });

  beforeAll(async () => {
    hub = await createTestHub(kind);
    other = await hub.addOrganization('other');
    const res = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: mine(), payload: { name: 'src', connector_id: 'test-source', configuration: { a: 1 } } });
    expect(res.statusCode).toBe(201);
    instanceId = res.json().id;
    const tok = await hub.app.inject({ method: 'POST', url: '/api/admin/tokens', headers: mine(), payload: { name: 'mine', role: 'viewer' } });
    tokenId = tok.json().id;
  });
  afterAll(() => hub.close());

  it('hides every instance read and write of another organisation behind 404', async () => {
    const base = `/api/integration/instances/${instanceId}`;
    const calls = [
      { method: 'GET' as const, url: base },
      { method: 'GET' as const, url: `${base}/status` },
      { method: 'PUT' as const, url: base, payload: { name: 'stolen' } },
      { method: 'POST' as const, url: `${base}/activate` },
      { method: 'POST' as const, url: `${base}/deactivate` },
      { method: 'DELETE' as const, url: base },
    ];
    for (const call of calls) {
      const res = await hub.app.inject({ ...call, headers: theirs() });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    const list = await hub.app.inject({ method: 'GET', url: '/api/integration/instances', headers: theirs() });
    expect(list.json().items).toEqual([]);
    const still = await hub.app.inject({ method: 'GET', url: base, headers: mine() });
    expect(still.json()).toMatchObject({ name: 'src', status: 'configuring' });
  });

  it('keeps tokens, users, audit rows and install counts apart', async () => {
    const tokens = await hub.app.inject({ method: 'GET', url: '/api/admin/tokens', headers: theirs() });
    expect(tokens.json().items.map((t: { id: string }) => t.id)).not.toContain(tokenId);
    const revoke = await hub.app.inject({ method: 'DELETE', url: `/api/admin/tokens/${tokenId}`, headers: theirs() });
    expect(revoke.statusCode).toBe(404);
    const users = await hub.app.inject({ method: 'GET', url: '/api/admin/users', headers: theirs() });
    expect(users.json().items.map((u: { email: string }) => u.email)).toEqual(['admin@other.example']);
    const audit = await hub.app.inject({ method: 'GET', url: '/api/admin/audit?limit=200', headers: theirs() });
    expect(audit.json().items.every((r: { organization_id: string }) => r.organization_id === other.organizationId)).toBe(true);
    expect(audit.json().items.some((r: { target_id: string }) => r.target_id === instanceId)).toBe(false);
    const connectorsMine = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/test-source', headers: mine() });
    const connectorsTheirs = await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/test-source', headers: theirs() });
    expect(connectorsMine.json()).toMatchObject({ install_count: 1, installed: true });
    expect(connectorsTheirs.json()).toMatchObject({ install_count: 0, installed: false });
  });

  it('lets both organisations use the same instance name', async () => {
    const res = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: theirs(), payload: { name: 'src', connector_id: 'test-source' } });
    expect(res.statusCode).toBe(201);
    const dup = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: theirs(), payload: { name: 'src', connector_id: 'test-source' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'ALREADY_EXISTS', field: 'name' });
  });
});
