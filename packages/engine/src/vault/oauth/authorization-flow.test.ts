import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Actor } from '../../lib/actor.ts';
import { startOAuthServer, type TestOAuthServer } from '../testing/oauth-server.ts';
import { createVaultFixture, type VaultFixture } from '../testing/vault-fixture.ts';

const PUBLIC_URL = 'https://hub.example.test';
const REDIRECT = `${PUBLIC_URL}/api/integration/oauth/callback`;

describe.each(testDatabaseKinds())('OAuth2 authorization code with PKCE against oidc-provider on %s', (kind) => {
  let as: TestOAuthServer;
  let f: VaultFixture;

  async function newConfig(name: string, clientId: string) {
    await as.addClient({ client_id: clientId, client_secret: `secret-${clientId}-0123456789`, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' });
    const config = await f.engine.vault.configs.create(f.actor, { name, authType: 'oauth2_authorization_code', credentials: { client_id: clientId, client_secret: `secret-${clientId}-0123456789`, authorize_url: as.authorizeUrl, token_url: as.tokenUrl, scopes: 'read offline_access' } });
    return config.id;
  }

  async function authorize(id: string, actor: Actor = f.actor) {
    const started = await f.engine.vault.authorization.start(actor, id, '/ui/auth-configs');
    const callback = await as.authorize(started.authorizationUrl);
    return { started, callback };
  }

  beforeAll(async () => {
    as = await startOAuthServer();
    f = await createVaultFixture(kind, { publicUrl: PUBLIC_URL });
  });
  afterAll(async () => {
    await f.close();
    await as.close();
  });

  it('authorizes with S256 PKCE, seals the refresh token, and serves the first access token from the cache', async () => {
    const id = await newConfig('ticketing', 'code-main');
    expect((await f.engine.vault.configs.get(f.actor, id)).status).toBe('pending_authorization');
    await expect(f.engine.vault.tokens.getToken(f.actor, id)).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_AUTHORIZED' });
    const { started, callback } = await authorize(id);
    const url = new URL(started.authorizationUrl);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(callback.href.startsWith(REDIRECT)).toBe(true);
    const done = await f.engine.vault.authorization.callback({ query: callback.searchParams, binding: started.binding });
    expect(done).toEqual({ authConfigId: id, returnTo: '/ui/auth-configs' });
    const config = await f.engine.vault.configs.get(f.actor, id);
    expect(config.status).toBe('active');
    expect(config.credentialSummary.refresh_token).toMatchObject({ set: true });
    const before = as.counts.token;
    await f.engine.vault.tokens.getToken(f.actor, id);
    expect(as.counts.token).toBe(before);
  });

  it('refreshes ahead of expiry and saves each rotated refresh token (reusing an old one would revoke the grant)', async () => {
    const id = await newConfig('rotating', 'code-rotate');
    const { started, callback } = await authorize(id);
    await f.engine.vault.authorization.callback({ query: callback.searchParams, binding: started.binding });
    for (let round = 1; round <= 3; round++) {
      const before = (await f.engine.vault.configs.get(f.actor, id)).credentialsVersion;
      f.clock.advance(3600_000);
      const tokens = await Promise.all(Array.from({ length: 10 }, () => f.engine.vault.tokens.getToken(f.actor, id)));
      expect(new Set(tokens.map((t) => t.reveal())).size).toBe(1);
      expect((await f.engine.vault.configs.get(f.actor, id)).credentialsVersion).toBe(before + 1);
    }
    expect(as.counts.grants.filter((g) => g === 'refresh_token').length).toBeGreaterThanOrEqual(3);
    expect(as.counts.failures).toEqual([]);
  });

  it('refuses a callback from another browser, a replayed state, an expired state', async () => {
    const id = await newConfig('guarded', 'code-guard');
    const first = await authorize(id);
    await expect(f.engine.vault.authorization.callback({ query: first.callback.searchParams, binding: 'someone-else' })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID', message: expect.stringMatching(/another user or browser/) });
    // The state was consumed by the refused attempt: it cannot be replayed, even with the right cookie.
    await expect(f.engine.vault.authorization.callback({ query: first.callback.searchParams, binding: first.started.binding })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    const late = await authorize(id);
    f.clock.advance(11 * 60_000);
    await expect(f.engine.vault.authorization.callback({ query: late.callback.searchParams, binding: late.started.binding })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID', message: expect.stringMatching(/10 minutes/) });
    const byToken = await authorize(id);
    const other: Actor = { ...f.actor, userId: '00000000-0000-4000-8000-000000000000' };
    await expect(f.engine.vault.authorization.callback({ query: byToken.callback.searchParams, actor: other })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    const ok = await authorize(id);
    await expect(f.engine.vault.authorization.callback({ query: ok.callback.searchParams, actor: f.actor })).resolves.toMatchObject({ authConfigId: id });
  });

  it('a revoked client fails the refresh: config in error with the reason', async () => {
    const id = await newConfig('revoked-code', 'code-revoked');
    const { started, callback } = await authorize(id);
    await f.engine.vault.authorization.callback({ query: callback.searchParams, binding: started.binding });
    await as.revokeClient('code-revoked');
    f.clock.advance(3600_000);
    await expect(f.engine.vault.tokens.getToken(f.actor, id)).rejects.toMatchObject({ code: 'CREDENTIAL_REFRESH_FAILED' });
    expect(await f.engine.vault.configs.get(f.actor, id)).toMatchObject({ status: 'error', statusReason: expect.stringMatching(/invalid_client/) });
  });

  it('needs PATCHBAY_PUBLIC_URL to build the redirect URI', async () => {
    const bare = await createVaultFixture(kind);
    try {
      const { id } = await bare.engine.vault.configs.create(bare.actor, { name: 'x', authType: 'oauth2_authorization_code', credentials: { client_id: 'c', authorize_url: as.authorizeUrl, token_url: as.tokenUrl } });
      await expect(bare.engine.vault.authorization.start(bare.actor, id)).rejects.toMatchObject({ code: 'PUBLIC_URL_REQUIRED' });
    } finally {
      await bare.close();
    }
  });
});
