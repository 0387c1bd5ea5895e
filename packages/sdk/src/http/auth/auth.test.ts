import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../../testing/local-server.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { createHttpClient, type PatchbayHttpClient } from '../create-http-client.ts';
import type { AuthApplier } from './auth-applier.ts';
import { apiKeyAuth } from './api-key.ts';
import { basicAuth } from './basic.ts';
import { bearerAuth } from './bearer.ts';
import { combineAuth } from './combine.ts';
import { oauth2Auth, type TokenRequest } from './oauth2.ts';

let server: LocalServer;
let client: PatchbayHttpClient;
let attempts = 0;

afterEach(async () => {
  await client?.close();
  await server?.close();
});

function ok(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

async function clientWith(auth: AuthApplier, handler: Parameters<typeof startLocalServer>[0] = (_req, res) => ok(res)) {
  server = await startLocalServer(handler);
  attempts = 0;
  client = createHttpClient({
    baseUrl: server.url,
    allowPrivateNetwork: true,
    clock: new ManualClock(),
    auth,
    retry: { maxAttempts: 1 },
    onMetrics: () => attempts++,
  });
  return client;
}

describe('auth primitives', () => {
  it('API key in a header, with a prefix', async () => {
    await (await clientWith(apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret('k-1'), prefix: 'SSWS ' }))).get('/a');
    expect(server.requests[0]!.headers.authorization).toBe('SSWS k-1');
  });

  it('API key in the query, kept out of the response URL', async () => {
    const res = await (await clientWith(apiKeyAuth({ in: 'query', name: 'api_key', value: new Secret('k 2&x') }))).get('/a', { query: { page: 2 } });
    expect(server.requests[0]!.url).toBe('/a?page=2&api_key=k+2%26x');
    expect(res.url).not.toContain('api_key');
  });

  it('basic and bearer', async () => {
    await (await clientWith(basicAuth({ username: 'svc', password: new Secret('p:ss') }))).get('/a');
    expect(server.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('svc:p:ss').toString('base64')}`);
    await client.close();
    await server.close();
    await (await clientWith(bearerAuth({ token: new Secret('t0k') }))).get('/a');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer t0k');
  });

  it('combines appliers in order', async () => {
    const auth = combineAuth(bearerAuth({ token: new Secret('t') }), apiKeyAuth({ in: 'header', name: 'X-Tenant-Key', value: new Secret('tk') }));
    await (await clientWith(auth)).get('/a');
    expect(server.requests[0]!.headers).toMatchObject({ authorization: 'Bearer t', 'x-tenant-key': 'tk' });
  });
});

describe('oauth2Auth', () => {
  function tokenSource() {
    const calls: TokenRequest[] = [];
    let version = 1;
    return {
      calls,
      getToken: async (request: TokenRequest) => {
        calls.push(request);
        if (request.forceRefresh) version++;
        return new Secret(`${request.audience ?? 'default'}-v${version}`);
      },
    };
  }

  it('on a 401 gets a fresh token once and retries once', async () => {
    const tokens = tokenSource();
    await clientWith(oauth2Auth({ getToken: tokens.getToken }), (req, res) => {
      if (req.headers.authorization === 'Bearer default-v1') return void res.writeHead(401).end();
      ok(res);
    });
    expect((await client.get('/me')).status).toBe(200);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer default-v1', 'Bearer default-v2']);
    expect(tokens.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }, { forceRefresh: false }]);
  });

  it('a second 401 after the refresh is VENDOR_AUTH_FAILED, with no further retry', async () => {
    const tokens = tokenSource();
    await clientWith(oauth2Auth({ getToken: tokens.getToken }), (_req, res) => void res.writeHead(401).end());
    await expect(client.get('/me')).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED', kind: 'auth' });
    expect(server.requests).toHaveLength(2);
    expect(tokens.calls.filter((c) => c.forceRefresh)).toHaveLength(1);
  });

  it('asks for the audience each host needs', async () => {
    const tokens = tokenSource();
    const audienceFor = (url: URL) => (url.pathname.startsWith('/graph') ? 'https://graph.microsoft.com' : 'https://api.securitycenter.microsoft.com');
    await clientWith(oauth2Auth({ getToken: tokens.getToken, audienceFor }));
    await client.get('/graph/users');
    await client.get('/defender/alerts');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer https://graph.microsoft.com-v1',
      'Bearer https://api.securitycenter.microsoft.com-v1',
    ]);
  });

  it('concurrent 401s share one refresh', async () => {
    let refreshes = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const auth = oauth2Auth({
      getToken: async ({ forceRefresh }) => {
        if (forceRefresh) {
          refreshes++;
          await held;
        }
        return new Secret(refreshes > 0 ? 'fresh' : 'stale');
      },
    });
    await clientWith(auth, (req, res) => (req.headers.authorization === 'Bearer stale' ? void res.writeHead(401).end() : ok(res)));
    const all = Promise.all([client.get('/1'), client.get('/2'), client.get('/3')]);
    await waitFor(() => attempts === 3);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await all).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refreshes).toBe(1);
  });
});
