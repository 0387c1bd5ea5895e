import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from './testing/test-hub.ts';

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: `urn:patchbay:error:${code.toLowerCase()}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe.each(testDatabaseKinds())('problem+json errors on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(kind, { bodyLimitBytes: 2048, rateLimitPerMinute: 1000 });
  });
  afterAll(() => hub.close());
  const url = '/api/integration/instances';

  it('400 for invalid JSON', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: { ...hub.auth('admin'), 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(expectProblem(res, 400, 'INVALID_JSON').field).toBe('body');
  });

  it('400 naming the field for a schema violation', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: hub.auth('admin'), payload: { connector_id: 'test-source', name: '' } });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(body.field).toBe('body.name');
    const bad = await hub.app.inject({ method: 'GET', url: `${url}?limit=0`, headers: hub.auth('admin') });
    expect(expectProblem(bad, 400, 'VALIDATION_FAILED').field).toBe('query.limit');
    const badId = await hub.app.inject({ method: 'GET', url: `${url}/not-a-uuid`, headers: hub.auth('admin') });
    expect(expectProblem(badId, 400, 'VALIDATION_FAILED').field).toBe('params.id');
  });

  it('400 for a cursor this API did not make', async () => {
    const res = await hub.app.inject({ method: 'GET', url: `${url}?cursor=garbage`, headers: hub.auth('admin') });
    expect(expectProblem(res, 400, 'INVALID_CURSOR').field).toBe('cursor');
  });

  it('404 for an unknown route', async () => {
    expectProblem(await hub.app.inject({ method: 'GET', url: '/api/nope', headers: hub.auth('admin') }), 404, 'ROUTE_NOT_FOUND');
  });

  it('413 for a body over the limit', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: hub.auth('admin'), payload: { name: 'x', connector_id: 'test-source', configuration: { blob: 'x'.repeat(5000) } } });
    expectProblem(res, 413, 'BODY_TOO_LARGE');
  });

  it('401 without a token and with a bad one', async () => {
    expectProblem(await hub.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
    expectProblem(await hub.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer pbt_wrong' } }), 401, 'UNAUTHENTICATED');
    expectProblem(await hub.app.inject({ method: 'GET', url, headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHENTICATED');
  });

  it('404 for an unknown connector, 409 for an impossible transition', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: hub.auth('editor'), payload: { name: 'x', connector_id: 'nope' } });
    expect(expectProblem(res, 404, 'CONNECTOR_NOT_FOUND').field).toBe('connector_id');
    const created = await hub.app.inject({ method: 'POST', url, headers: hub.auth('editor'), payload: { name: 'y', connector_id: 'test-source' } });
    const id = created.json().id;
    await hub.app.inject({ method: 'POST', url: `${url}/${id}/deactivate`, headers: hub.auth('editor') });
    expectProblem(await hub.app.inject({ method: 'POST', url: `${url}/${id}/deactivate`, headers: hub.auth('editor') }), 409, 'INVALID_STATE_TRANSITION');
    const act = await hub.app.inject({ method: 'POST', url: `${url}/${id}/activate`, headers: hub.auth('editor') });
    expect(act.json().status).toBe('active');
  });

  it('404 naming the field for an auth config that does not exist (or is another organisation\'s)', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: hub.auth('editor'), payload: { name: 'fk', connector_id: 'test-source', auth_config_id: '00000000-0000-4000-8000-000000000000' } });
    expect(expectProblem(res, 404, 'AUTH_CONFIG_NOT_FOUND').field).toBe('body.auth_config_id');
  });

  it('403 when an editor asks for private network access', async () => {
    const res = await hub.app.inject({ method: 'POST', url, headers: hub.auth('editor'), payload: { name: 'z', connector_id: 'test-source', allow_private_network: true } });
    expect(expectProblem(res, 403, 'FORBIDDEN').field).toBe('allow_private_network');
    const ok = await hub.app.inject({ method: 'POST', url, headers: hub.auth('admin'), payload: { name: 'z', connector_id: 'test-source', allow_private_network: true } });
    expect(ok.json().allow_private_network).toBe(true);
  });

  it('429 past the rate limit, with Retry-After', async () => {
    const limited = await createTestHub(kind, { rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await limited.app.inject({ method: 'GET', url: '/api/integration/connectors', headers: limited.auth('viewer') });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectProblem(last!, 429, 'RATE_LIMITED');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('limits inbound webhooks per webhook key, apart from the API limit', async () => {
    const limited = await createTestHub(kind, { rateLimitPerMinute: 3, inboundRateLimitPerMinute: 2 });
    try {
      const post = (key: string) => limited.app.inject({ method: 'POST', url: `/api/integration/webhook/${key}`, payload: '{}', headers: { 'content-type': 'application/json' } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post('key-a')).statusCode);
      expect(statuses).toEqual([404, 404, 429]);
      expectProblem(await post('key-a'), 429, 'RATE_LIMITED');
      expect((await post('key-b')).statusCode).toBe(404); // another key has its own budget
      const api = await limited.app.inject({ method: 'GET', url: '/api/integration/connectors', headers: limited.auth('viewer') });
      expect(api.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
