import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, PatchbayError, Secret } from '@patchbay/types';
import { createFakeLogger } from '../testing/fake-logger.ts';
import { waitFor } from '../testing/wait-for.ts';
import { startLocalServer, type LocalServer } from '../testing/local-server.ts';
import { bearerAuth } from './auth/bearer.ts';
import type { HttpMetrics } from './client-options.ts';
import { createHttpClient, type PatchbayHttpClient } from './create-http-client.ts';

let server: LocalServer;
let client: PatchbayHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server?.close();
});

function json(res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('createHttpClient', () => {
  it('resolves relative URLs against the base path, encodes query and JSON bodies, parses JSON', async () => {
    server = await startLocalServer((req, res) => json(res, 200, { method: req.method, url: req.url, body: req.body, type: req.headers['content-type'] }));
    client = createHttpClient({ baseUrl: `${server.url}/api/v2/`, allowPrivateNetwork: true, clock: new ManualClock() });
    const got = await client.get<{ url: string }>('/alerts', { query: { limit: 5, tag: ['a', 'b'], skip: undefined, active: true } });
    expect(got.status).toBe(200);
    expect(got.body.url).toBe('/api/v2/alerts?limit=5&tag=a&tag=b&active=true');
    expect(got.bytes).toBeGreaterThan(0);
    const posted = await client.post<{ method: string; body: string; type: string }>('items', { name: 'x' });
    expect(posted.body).toEqual({ method: 'POST', url: '/api/v2/items', body: '{"name":"x"}', type: 'application/json' });
  });

  it('returns text for non-JSON bodies, bytes on request, and undefined for an empty 204', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/empty') return void res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    client = createHttpClient({ baseUrl: server.url, allowPrivateNetwork: true, clock: new ManualClock() });
    expect((await client.get('/t')).body).toBe('hello');
    expect(Buffer.from((await client.get<Uint8Array>('/t', { responseType: 'bytes' })).body).toString()).toBe('hello');
    expect((await client.get('/empty')).body).toBeUndefined();
  });

  it('returns accepted error statuses and throws VENDOR_REQUEST_REJECTED for other 4xx, with a hint for 404', async () => {
    server = await startLocalServer((_req, res) => json(res, 404, { message: 'no such alert' }));
    client = createHttpClient({ baseUrl: server.url, allowPrivateNetwork: true, clock: new ManualClock() });
    const accepted = await client.get('/a', { acceptStatus: [404] });
    expect(accepted.status).toBe(404);
    const error = await client.get('/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PatchbayError);
    expect(error).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 404, vendorMessage: 'no such alert' } });
    expect((error as PatchbayError).hint).toContain('acceptStatus');
    expect(server.requests).toHaveLength(2);
  });

  it('reports every attempt to onMetrics and logs without secrets or query strings', async () => {
    server = await startLocalServer((_req, res) => json(res, 200, { ok: true }));
    const metrics: HttpMetrics[] = [];
    const log = createFakeLogger();
    client = createHttpClient({
      baseUrl: server.url,
      allowPrivateNetwork: true,
      clock: new ManualClock(),
      auth: bearerAuth({ token: new Secret('tok-SECRET-123') }),
      log,
      onMetrics: (m) => metrics.push(m),
    });
    await client.get('/alerts', { query: { key: 'query-SECRET' }, operation: 'list-alerts' });
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({ operation: 'list-alerts', method: 'GET', status: 200, code: undefined, attempt: 1, throttledMs: 0 });
    expect(metrics[0]!.bytes).toBe(11);
    expect(log.find('vendor request')).toHaveLength(1);
    expect(log.text()).not.toContain('SECRET');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok-SECRET-123');
  });

  it('aborts every request when the client-wide signal (ctx.signal) aborts', async () => {
    server = await startLocalServer(() => undefined);
    const controller = new AbortController();
    client = createHttpClient({ baseUrl: server.url, allowPrivateNetwork: true, clock: new ManualClock(), signal: controller.signal });
    const pending = client.get('/hang').catch((e: unknown) => e);
    await waitFor(() => server.requests.length === 1);
    controller.abort();
    expect(await pending).toMatchObject({ code: 'REQUEST_CANCELLED' });
  });
});
