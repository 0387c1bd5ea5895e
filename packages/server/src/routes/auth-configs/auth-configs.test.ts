import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { startOAuthServer, type TestOAuthServer } from '../../../../engine/src/vault/testing/oauth-server.ts';
import { createVaultTestHub, type VaultTestHub } from './test-vault-hub.ts';

const PUBLIC_URL = 'https://hub.example.test';
const REDIRECT = `${PUBLIC_URL}/api/integration/oauth/callback`;

describe.each(testDatabaseKinds())('auth-config API on %s', (kind) => {
  let h: VaultTestHub;
  let as: TestOAuthServer;
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, role: Parameters<VaultTestHub['auth']>[0] = 'editor') =>
    h.app.inject({ method, url, payload: payload as never, headers: h.auth(role) });

  beforeAll(async () => {
    as = await startOAuthServer();
    h = await createVaultTestHub(kind, { publicUrl: PUBLIC_URL });
    await as.addClient({ client_id: 'api-cc', client_secret: 'api-cc-secret-0123456789', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    await as.addClient({ client_id: 'api-code', client_secret: 'api-code-secret-0123456789', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' });
  });
  afterAll(async () => {
    await h.close();
    await as.close();
  });

  it('creates, reads masked, lists, merges an update, deletes', async () => {
    const created = await call('POST', '/api/integration/auth-configs', { name: 'okta', auth_type: 'api_key', credentials: { api_key: 'okta-api-key-0123456789', header_name: 'Authorization', prefix: 'SSWS ' }, expiration: '2030-01-01T00:00:00Z' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'okta', auth_type: 'api_key', status: 'active', expiration: '2030-01-01T00:00:00.000Z', credentials: { api_key: { set: true, masked: '••••6789' }, header_name: 'Authorization', prefix: 'SSWS ' } });
    expect(created.body).not.toContain('okta-api-key-0123456789');
    expect((await call('GET', `/api/integration/auth-configs/${body.id}`, undefined, 'viewer')).json().credentials.api_key).toEqual({ set: true, masked: '••••6789' });
    const list = await call('GET', '/api/integration/auth-configs?auth_type=api_key', undefined, 'viewer');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(body.id);
    const updated = await call('PUT', `/api/integration/auth-configs/${body.id}`, { credentials: { api_key: 'okta-api-key-rotated-9876' } });
    expect(updated.json()).toMatchObject({ credentials_version: 2, credentials: { api_key: { masked: '••••9876' }, header_name: 'Authorization' } });
    expect((await call('DELETE', `/api/integration/auth-configs/${body.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/integration/auth-configs/${body.id}`)).json().code).toBe('AUTH_CONFIG_NOT_FOUND');
  });

  it('a 400 names the unknown type or the missing field', async () => {
    const unknown = await call('POST', '/api/integration/auth-configs', { name: 'x', auth_type: 'kerberos', credentials: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.auth_type' });
    const missing = await call('POST', '/api/integration/auth-configs', { name: 'x', auth_type: 'basic', credentials: { username: 'u' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'CREDENTIAL_INVALID', field: 'body.credentials.password' });
  });

  it('test and refresh: a real token request for OAuth2; a clear 409 for static types', async () => {
    const cc = (await call('POST', '/api/integration/auth-configs', { name: 'cc', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'api-cc', client_secret: 'api-cc-secret-0123456789', token_url: as.tokenUrl } })).json();
    const before = as.counts.token;
    expect((await call('POST', `/api/integration/auth-configs/${cc.id}/test`, {})).json()).toMatchObject({ ok: true, expires_at: expect.any(String) });
    expect((await call('POST', `/api/integration/auth-configs/${cc.id}/refresh`)).json()).toMatchObject({ id: cc.id, status: 'active' });
    expect(as.counts.token - before).toBe(2);
    const wrong = (await call('POST', '/api/integration/auth-configs', { name: 'cc-wrong', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'api-cc', client_secret: 'not-the-secret-0123', token_url: as.tokenUrl } })).json();
    expect((await call('POST', `/api/integration/auth-configs/${wrong.id}/test`, {})).json()).toMatchObject({ ok: false, code: 'CREDENTIAL_REFRESH_FAILED', message: expect.stringMatching(/invalid_client/) });
    const bearer = (await call('POST', '/api/integration/auth-configs', { name: 'static', auth_type: 'bearer', credentials: { token: 'static-bearer-0123456789' } })).json();
    const res = await call('POST', `/api/integration/auth-configs/${bearer.id}/test`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CREDENTIAL_TEST_UNSUPPORTED', detail: expect.stringContaining('/api/integration/instances/{id}/test') });
    expect((await call('POST', `/api/integration/auth-configs/${bearer.id}/refresh`)).json().code).toBe('CREDENTIAL_NOT_REFRESHABLE');
  });

  it('authorization code: authorize, the browser comes back to the callback with its cookie, 303 to return_to', async () => {
    const config = (await call('POST', '/api/integration/auth-configs', { name: 'code', auth_type: 'oauth2_authorization_code', credentials: { client_id: 'api-code', client_secret: 'api-code-secret-0123456789', authorize_url: as.authorizeUrl, token_url: as.tokenUrl, scopes: ['read', 'offline_access'] } })).json();
    expect(config.status).toBe('pending_authorization');
    const start = await call('POST', `/api/integration/auth-configs/${config.id}/authorize`, { return_to: '/ui/auth-configs' });
    expect(start.statusCode).toBe(200);
    const cookie = String(start.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    const callback = await as.authorize(start.json().authorization_url);
    const path = `${callback.pathname}${callback.search}`;
    const stranger = await h.app.inject({ method: 'GET', url: path });
    expect(stranger.json()).toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    const again = await call('POST', `/api/integration/auth-configs/${config.id}/authorize`, { return_to: '/ui/auth-configs' });
    const back = await as.authorize(again.json().authorization_url);
    const done = await h.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: String(again.headers['set-cookie']).split(';')[0]! } });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/ui/auth-configs?auth_config_id=${config.id}&status=active`);
    expect((await call('GET', `/api/integration/auth-configs/${config.id}`)).json()).toMatchObject({ status: 'active', credentials: { refresh_token: { set: true } } });
    const evil = await call('POST', `/api/integration/auth-configs/${config.id}/authorize`, { return_to: '//evil.example/x' });
    expect(evil.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.return_to' });
  });

  it('usage is readable by auditors, not by viewers', async () => {
    const config = (await call('POST', '/api/integration/auth-configs', { name: 'watched', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'api-cc', client_secret: 'api-cc-secret-0123456789', token_url: as.tokenUrl } })).json();
    await call('POST', `/api/integration/auth-configs/${config.id}/test`, {});
    const usage = await call('GET', `/api/integration/auth-configs/${config.id}/usage`, undefined, 'auditor');
    expect(usage.json().items).toEqual(expect.arrayContaining([expect.objectContaining({ operation: 'token_request', actor_label: expect.any(String), count: 1 })]));
    expect((await call('GET', `/api/integration/auth-configs/${config.id}/usage`, undefined, 'viewer')).statusCode).toBe(403);
  });

  it('admins list and rotate the key-encryption keys online', async () => {
    const before = (await call('GET', '/api/admin/keys', undefined, 'admin')).json().items;
    expect(before).toEqual([expect.objectContaining({ state: 'active', provider: 'env' })]);
    expect(JSON.stringify(before)).not.toMatch(/"key"/);
    const rotation = await call('POST', '/api/admin/keys/rotate', {}, 'admin');
    expect(rotation.statusCode).toBe(409);
    expect(rotation.json().code).toBe('KEY_ROTATION_NO_NEW_KEY');
    expect((await call('POST', '/api/admin/keys/rotate', {}, 'editor')).statusCode).toBe(403);
  });

  it('no secret used above reached the log', () => {
    const text = h.logs.join('');
    expect(h.logs.length).toBeGreaterThan(0);
    for (const secret of ['okta-api-key-0123456789', 'okta-api-key-rotated-9876', 'api-cc-secret-0123456789', 'api-code-secret-0123456789', 'not-the-secret-0123', 'static-bearer-0123456789']) expect(text).not.toContain(secret);
  });
});
