import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../testing/local-server.ts';
import { bearerAuth } from './auth/bearer.ts';
import { createHttpClient, type PatchbayHttpClient } from './create-http-client.ts';
import type { HttpClientOptions } from './client-options.ts';
import { SsrfGuard, type Resolver } from './ssrf-guard.ts';

let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

type Options = Partial<HttpClientOptions> | ((server: LocalServer) => Partial<HttpClientOptions>);

/** A local server that redirects `/redirect?to=URL` and otherwise echoes Host and Authorization. */
async function withServer(options: Options): Promise<{ server: LocalServer; client: PatchbayHttpClient }> {
  const server = await startLocalServer((req, res) => {
    if (req.url?.startsWith('/redirect')) {
      res.writeHead(302, { location: new URL(req.url, 'http://x').searchParams.get('to') ?? '/' });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ host: req.headers.host, auth: req.headers.authorization ?? null }));
  });
  const client = createHttpClient({
    clock: new ManualClock(),
    retry: { maxAttempts: 1 },
    ...(typeof options === 'function' ? options(server) : options),
  });
  cleanup.push(() => client.close(), () => server.close());
  return { server, client };
}

const mapTo = (address: string): Resolver => async () => [{ address, family: address.includes(':') ? 6 : 4 }];

describe('SSRF guard in the client', () => {
  it('refuses loopback by default, with a hint naming the instance setting', async () => {
    const { server, client } = await withServer({ baseUrl: 'http://127.0.0.1:1' });
    const error = await client.get(`${server.url}/x`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED', kind: 'config' });
    expect((error as Error & { hint: string }).hint).toContain('allow_private_network');
    expect(server.requests).toHaveLength(0);
  });

  it('reaches loopback when the administrator allows the private network', async () => {
    const { client } = await withServer((server) => ({ baseUrl: server.url, allowPrivateNetwork: true }));
    expect((await client.get('/x')).status).toBe(200);
  });

  it('refuses cloud metadata (169.254.169.254) and IPv4-mapped IPv6 loopback', async () => {
    const { client } = await withServer({ allowedHosts: ['169.254.169.254', '::ffff:127.0.0.1', '0.0.0.0'] });
    await expect(client.get('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
    await expect(client.get('http://[::ffff:127.0.0.1]:80/')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
    await expect(client.get('http://0.0.0.0/')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
  });

  it('refuses a host that is neither the base URL host nor allowed', async () => {
    const { client } = await withServer({ baseUrl: 'https://api.vendor.test', allowedHosts: ['*.okta.com'] });
    await expect(client.get('https://evil.example/x')).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    await expect(client.get('https://okta.com/x')).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    await expect(client.get('ftp://api.vendor.test/x')).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
    await expect(client.get('https://user:pw@api.vendor.test/x')).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
  });

  it('refuses, at connect time, an allowed name that resolves to 127.0.0.1 (DNS rebinding)', async () => {
    const { server, client } = await withServer({ allowedHosts: ['api.vendor.test'], resolve: mapTo('127.0.0.1') });
    const error = await client.get(`http://api.vendor.test:${server.port}/x`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED', details: { host: 'api.vendor.test', address: '127.0.0.1' } });
    expect(server.requests).toHaveLength(0);
  });

  it('connects to the checked address when the private network is allowed', async () => {
    const { server, client } = await withServer({ allowedHosts: ['api.vendor.test'], resolve: mapTo('127.0.0.1'), allowPrivateNetwork: true });
    const res = await client.get<{ host: string }>(`http://api.vendor.test:${server.port}/x`);
    expect(res.body.host).toBe(`api.vendor.test:${server.port}`);
  });

  it('refuses `localhost` by name before any DNS', async () => {
    const { server, client } = await withServer({ allowedHosts: ['localhost'] });
    await expect(client.get(`http://localhost:${server.port}/x`)).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
  });
});

describe('redirects', () => {
  it('follows a same-origin redirect with credentials, re-checking the hop', async () => {
    const { server, client } = await withServer((s) => ({ baseUrl: s.url, allowPrivateNetwork: true, auth: bearerAuth({ token: new Secret('t') }) }));
    const res = await client.get<{ auth: string }>(`/redirect?to=${encodeURIComponent('/final')}`);
    expect(res.body.auth).toBe('Bearer t');
    expect(res.url).toBe(`${server.url}/final`);
  });

  it('refuses a redirect to a host the connector may not call', async () => {
    const { client } = await withServer((s) => ({ baseUrl: s.url, allowPrivateNetwork: true }));
    const to = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    await expect(client.get(`/redirect?to=${to}`)).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const { server, client } = await withServer((s) => ({
      baseUrl: s.url,
      allowedHosts: ['localhost'],
      allowPrivateNetwork: true,
      auth: bearerAuth({ token: new Secret('t') }),
    }));
    const other = `http://localhost:${server.port}`;
    const res = await client.get<{ auth: string | null; host: string }>(`/redirect?to=${encodeURIComponent(`${other}/final`)}`);
    expect(res.body).toEqual({ auth: null, host: `localhost:${server.port}` });
  });

  it('returns 3xx as an error when redirects are off', async () => {
    const { client } = await withServer((s) => ({ baseUrl: s.url, allowPrivateNetwork: true, maxRedirects: 0 }));
    await expect(client.get('/redirect?to=%2Fa')).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', details: { status: 302, location: '/a' } });
  });
});

describe('SsrfGuard.checkResolved (transports without connect-time checks)', () => {
  it('refuses a name resolving to a private address, allows a public one', async () => {
    const guard = new SsrfGuard({ allowedHosts: ['*'], allowPrivateNetwork: false, resolve: mapTo('10.1.2.3') });
    await expect(guard.checkResolved('intranet.test')).rejects.toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
    const open = new SsrfGuard({ allowedHosts: ['*'], allowPrivateNetwork: false, resolve: mapTo('93.184.216.34') });
    await expect(open.checkResolved('example.test')).resolves.toBeUndefined();
  });

  it('rejects malformed allowed-host patterns', () => {
    expect(() => new SsrfGuard({ allowedHosts: ['https://x.com/'], allowPrivateNetwork: false })).toThrow(/not a valid allowed-host/);
    expect(() => new SsrfGuard({ allowedHosts: ['x.com:443'], allowPrivateNetwork: false })).toThrow(/not a valid allowed-host/);
  });
});
