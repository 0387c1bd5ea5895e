import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, exportPKCS8, generateKeyPair, decodeJwt } from 'jose';
import { startLocalServer } from '@patchbay/sdk/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { startOAuthServer, TEST_RESOURCE, type TestOAuthServer } from '../testing/oauth-server.ts';
import { createVaultFixture, type VaultFixture } from '../testing/vault-fixture.ts';

describe.each(testDatabaseKinds())('OAuth2 token manager against oidc-provider on %s', (kind) => {
  let as: TestOAuthServer;
  let f: VaultFixture;
  let configId: string;

  const clientCredentials = (name: string, clientId: string, extra: Record<string, unknown> = {}) =>
    f.engine.vault.configs.create(f.actor, { name, authType: 'oauth2_client_credentials', credentials: { client_id: clientId, client_secret: `secret-${clientId}-0123456789`, token_url: as.tokenUrl, ...extra } });

  beforeAll(async () => {
    as = await startOAuthServer();
    f = await createVaultFixture(kind);
    for (const id of ['cc-main', 'cc-revoked']) {
      await as.addClient({ client_id: id, client_secret: `secret-${id}-0123456789`, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    }
    configId = (await clientCredentials('edr', 'cc-main')).id;
  });
  afterAll(async () => {
    await f.close();
    await as.close();
  });

  it('20 concurrent callers cause exactly one token request, and get the same JWT', async () => {
    const before = as.counts.token;
    const tokens = await Promise.all(Array.from({ length: 20 }, () => f.engine.vault.tokens.getToken(f.actor, configId)));
    expect(as.counts.token - before).toBe(1);
    expect(new Set(tokens.map((t) => t.reveal())).size).toBe(1);
    expect(decodeJwt(tokens[0]!.reveal())).toMatchObject({ aud: TEST_RESOURCE, client_id: 'cc-main' });
    expect(String(tokens[0])).toBe('[REDACTED]');
  });

  it('refreshes before expiry, not after a 401: one request per window', async () => {
    const before = as.counts.token;
    f.clock.advance(3600_000 - 5 * 60_000 - 1000); // just inside the window: still cached
    await Promise.all(Array.from({ length: 20 }, () => f.engine.vault.tokens.getToken(f.actor, configId)));
    expect(as.counts.token - before).toBe(0);
    f.clock.advance(2000); // 5 minutes before expiry: refresh ahead
    await Promise.all(Array.from({ length: 20 }, () => f.engine.vault.tokens.getToken(f.actor, configId)));
    expect(as.counts.token - before).toBe(1);
  });

  it('concurrent forced refreshes (401s) share one request', async () => {
    const before = as.counts.token;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => f.engine.vault.tokens.getToken(f.actor, configId, { forceRefresh: true })));
    expect(as.counts.token - before).toBe(1);
    expect(new Set(tokens.map((t) => t.reveal())).size).toBe(1);
  });

  it('another process (a restarted engine) uses the shared encrypted cache instead of asking again', async () => {
    const again = await f.reopen();
    const before = as.counts.token;
    const mine = await f.engine.vault.tokens.getToken(f.actor, configId);
    const theirs = await again.vault.tokens.getToken(f.actor, configId);
    expect(theirs.reveal()).toBe(mine.reveal());
    expect(as.counts.token - before).toBe(0);
    const [row] = await f.db.database.query<{ c: string }>(`select access_token_ciphertext as c from oauth_tokens where auth_config_id = $1`, [configId]);
    expect(row!.c).not.toContain(mine.reveal().slice(0, 40));
  });

  it('keeps one token per audience (RFC 8707 resource indicators)', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'per-host', authType: 'oauth2_client_credentials', credentials: { client_id: 'cc-main', client_secret: 'secret-cc-main-0123456789', token_url: as.tokenUrl }, oauthConfig: { audience_param: 'resource' } });
    const graph = await f.engine.vault.tokens.getToken(f.actor, id, { audience: 'https://graph.example' });
    const defender = await f.engine.vault.tokens.getToken(f.actor, id, { audience: 'https://defender.example' });
    expect(decodeJwt(graph.reveal()).aud).toBe('https://graph.example');
    expect(decodeJwt(defender.reveal()).aud).toBe('https://defender.example');
  });

  it('a revoked client marks the config and its instances in error, emits an event, and later callers fail fast', async () => {
    const { id } = await clientCredentials('soon-revoked', 'cc-revoked');
    const instance = await f.engine.instances.create(f.actor, { name: 'uses-revoked', connectorId: 'vault-test', authConfigId: id });
    await f.engine.instances.activate(f.actor, instance.id);
    await f.engine.vault.tokens.getToken(f.actor, id);
    await as.revokeClient('cc-revoked');
    await expect(f.engine.vault.tokens.getToken(f.actor, id, { forceRefresh: true })).rejects.toMatchObject({ code: 'CREDENTIAL_REFRESH_FAILED', message: expect.stringMatching(/invalid_client/) });
    const config = await f.engine.vault.configs.get(f.actor, id);
    expect(config).toMatchObject({ status: 'error', statusReason: expect.stringMatching(/invalid_client/) });
    expect(await f.engine.instances.get(f.actor, instance.id)).toMatchObject({ status: 'error', errorMessage: expect.stringMatching(/soon-revoked.*invalid_client/) });
    const [event] = await f.db.database.query<{ data: { auth_config_id: string; instance_ids: string[] } }>(`select data from outbox where type = 'credential.refresh_failed'`);
    expect(event!.data).toMatchObject({ auth_config_id: id, instance_ids: [instance.id] });
    const audit = await f.engine.audit.read({ organizationId: f.actor.organizationId, limit: 200 });
    expect(audit.items.find((r) => r.action === 'auth_config.refresh_failed')).toMatchObject({ outcome: 'failure', targetId: id });
    const before = as.counts.token;
    await expect(f.engine.vault.tokens.getToken(f.actor, id)).rejects.toMatchObject({ code: 'CREDENTIAL_REFRESH_FAILED' });
    expect(as.counts.token).toBe(before);
  });

  it('an unreachable token endpoint is transient: no error state', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'down', authType: 'oauth2_client_credentials', credentials: { client_id: 'x', client_secret: 'y-0123456789', token_url: 'http://127.0.0.1:1/token' } });
    await expect(f.engine.vault.tokens.getToken(f.actor, id)).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
    expect((await f.engine.vault.configs.get(f.actor, id)).status).toBe('active');
  });

  it('takes a token answered with 201 Created (CrowdStrike Falcon does), and still refuses other statuses', async () => {
    const server = await startLocalServer((req, res) => {
      const status = req.url === '/created' ? 201 : 202;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `falcon-token-${status}`, token_type: 'bearer', expires_in: 1799 }));
    });
    try {
      const make = (path: string) => f.engine.vault.configs.create(f.actor, { name: `falcon${path.replace('/', '-')}`, authType: 'oauth2_client_credentials', credentials: { client_id: 'falcon', client_secret: 'falcon-secret-0123456789', token_url: `${server.url}${path}` } });
      const token = await f.engine.vault.tokens.getToken(f.actor, (await make('/created')).id);
      expect(token.reveal()).toBe('falcon-token-201');
      await expect(f.engine.vault.tokens.getToken(f.actor, (await make('/accepted')).id)).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    } finally {
      await server.close();
    }
  });

  it('client credentials with private_key_jwt client authentication (an Okta service app), and exactly one of secret or key', async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    await as.addClient({ client_id: 'svc-app', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256', jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' }] } });
    const privateKeyPem = await exportPKCS8(pair.privateKey);
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'okta-service-app', authType: 'oauth2_client_credentials', credentials: { client_id: 'svc-app', private_key_pem: privateKeyPem, key_id: 'k1', token_url: as.tokenUrl } });
    const token = await f.engine.vault.tokens.getToken(f.actor, id);
    expect(decodeJwt(token.reveal())).toMatchObject({ client_id: 'svc-app' });
    const both = f.engine.vault.configs.create(f.actor, { name: 'both', authType: 'oauth2_client_credentials', credentials: { client_id: 'svc-app', client_secret: 'secret-0123456789', private_key_pem: privateKeyPem, token_url: as.tokenUrl } });
    await expect(both).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID', field: 'body.credentials.client_secret' });
    const neither = f.engine.vault.configs.create(f.actor, { name: 'neither', authType: 'oauth2_client_credentials', credentials: { client_id: 'svc-app', token_url: as.tokenUrl } });
    await expect(neither).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' });
    // A key the server does not know is refused for good, like a wrong secret.
    const other = await generateKeyPair('RS256', { extractable: true });
    const { id: wrong } = await f.engine.vault.configs.create(f.actor, { name: 'wrong-key', authType: 'oauth2_client_credentials', credentials: { client_id: 'svc-app', private_key_pem: await exportPKCS8(other.privateKey), key_id: 'k1', token_url: as.tokenUrl } });
    await expect(f.engine.vault.tokens.getToken(f.actor, wrong)).rejects.toMatchObject({ code: 'CREDENTIAL_REFRESH_FAILED' });
  });

  it('JWT bearer grant (RFC 7523) for a service account', async () => {
    const { id } = await f.engine.vault.configs.create(f.actor, { name: 'svc', authType: 'jwt_bearer', credentials: { issuer: as.serviceAccount.issuer, private_key_pem: as.serviceAccount.privateKeyPem, token_url: as.tokenUrl } });
    const token = await f.engine.vault.tokens.getToken(f.actor, id);
    expect(token.reveal().length).toBeGreaterThan(20);
    expect(as.counts.grants).toContain('urn:ietf:params:oauth:grant-type:jwt-bearer');
  });

  it('records each token request as a credential use', async () => {
    const usage = await f.engine.vault.usage(f.actor, configId, {});
    expect(usage.items).toEqual(expect.arrayContaining([expect.objectContaining({ operation: 'token_request', actorLabel: 'admin@localhost' })]));
  });
});
