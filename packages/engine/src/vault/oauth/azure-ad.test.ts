import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { ManualClock } from '@patchbay/types';
import { credentialsOf } from '../credential-view.ts';
import { parseCredentials } from '../parse-credentials.ts';
import { requestToken } from './grants.ts';

describe('Azure AD / Entra application (client credentials, v2 endpoint)', () => {
  let entra: LocalServer;
  beforeAll(async () => {
    entra = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'entra-token', token_type: 'Bearer', expires_in: 3599 }));
    });
  });
  afterAll(() => entra.close());

  const credentials = () =>
    credentialsOf('azure_ad', parseCredentials('azure_ad', { tenant_id: 'contoso.onmicrosoft.com', client_id: 'app-id', client_secret: 'app-secret-0123456789', authority_host: entra.url }, { allowInsecureHttp: true }));

  it('posts to <authority>/<tenant>/oauth2/v2.0/token with the secret in the body and the .default scope of the audience', async () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const tokens = await requestToken(credentials(), null, 'https://api.securitycenter.microsoft.com/', { allowInsecureHttp: true }, clock);
    expect(tokens.accessToken.reveal()).toBe('entra-token');
    expect(tokens.expiresAt.toISOString()).toBe('2026-05-01T00:59:59.000Z');
    const sent = entra.requests.at(-1)!;
    expect(sent.url).toBe('/contoso.onmicrosoft.com/oauth2/v2.0/token');
    const form = new URLSearchParams(sent.body);
    expect(Object.fromEntries(form)).toMatchObject({ grant_type: 'client_credentials', client_id: 'app-id', client_secret: 'app-secret-0123456789', scope: 'https://api.securitycenter.microsoft.com/.default' });
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('defaults to Microsoft Graph', async () => {
    await requestToken(credentials(), null, '', { allowInsecureHttp: true }, new ManualClock());
    expect(new URLSearchParams(entra.requests.at(-1)!.body).get('scope')).toBe('https://graph.microsoft.com/.default');
  });
});
