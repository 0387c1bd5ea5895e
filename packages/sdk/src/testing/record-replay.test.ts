import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { apiKeyAuth } from '../http/auth/api-key.ts';
import { bearerAuth } from '../http/auth/bearer.ts';
import { combineAuth } from '../http/auth/combine.ts';
import { createHttpClient, type PatchbayHttpClient } from '../http/create-http-client.ts';
import { SsrfGuard } from '../http/ssrf-guard.ts';
import type { Transport } from '../http/transport.ts';
import { undiciTransport } from '../http/undici-transport.ts';
import { loadFixtures } from './fixture-format.ts';
import { startLocalServer, type LocalServer } from './local-server.ts';
import { recordTransport } from './record-transport.ts';
import { replayTransport, ReplayMismatchError } from './replay-transport.ts';

const API_KEY = 'key-LIVE-9f8e7d6c';
const BEARER = 'bearer-LIVE-1a2b3c4d';
const CLIENT_SECRET = 'client-secret-LIVE-5e6f';
const ACCESS_TOKEN = 'eyJhbGciOi.access-LIVE';
const TENANT_SECRET = 'tenant-LIVE-777';

let server: LocalServer;
let dir: string;
let file: string;

/** A fake vendor: a token endpoint, a paged list, and a redirect. */
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/old') {
      res.writeHead(301, { location: '/v1/alerts?page_size=1' });
      return void res.end();
    }
    res.setHeader('content-type', 'application/json');
    res.setHeader('set-cookie', `session=${TENANT_SECRET}`);
    if (url.pathname === '/oauth/token') return void res.end(JSON.stringify({ access_token: ACCESS_TOKEN, refresh_token: 'refresh-LIVE', expires_in: 3600 }));
    const page = url.searchParams.get('next_page_token');
    res.end(JSON.stringify(page ? { items: [{ id: 2 }] } : { items: [{ id: 1, note: `tenant ${TENANT_SECRET}` }], next_page_token: 'cursor-2' }));
  });
  dir = mkdtempSync(join(tmpdir(), 'patchbay-fixtures-'));
  file = join(dir, 'vendor.json');
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const resolve = async () => [{ address: '127.0.0.1', family: 4 }];

function vendorClient(transport?: Transport): PatchbayHttpClient {
  return createHttpClient({
    baseUrl: `http://api.vendor.test:${server.port}`,
    allowPrivateNetwork: true,
    resolve,
    clock: new ManualClock(),
    retry: { maxAttempts: 1 },
    auth: combineAuth(apiKeyAuth({ in: 'query', name: 'api_key', value: new Secret(API_KEY) }), bearerAuth({ token: new Secret(BEARER) })),
    ...(transport ? { transport } : {}),
  });
}

/** What a connector's sync would do. */
async function scenario(client: PatchbayHttpClient): Promise<unknown[]> {
  const token = await client.post('/oauth/token', new URLSearchParams({ grant_type: 'client_credentials', client_id: 'abc', client_secret: CLIENT_SECRET }));
  const first = await client.get<{ next_page_token: string }>('/v1/alerts', { query: { page_size: 1 } });
  const second = await client.get('/v1/alerts', { query: { page_size: 1, next_page_token: first.body.next_page_token } });
  const moved = await client.get('/old');
  const created = await client.post('/v1/notes', { text: `for ${TENANT_SECRET}`, password: 'pw-LIVE' });
  return [token.body, first.body, second.body, moved.body, created.status];
}

describe('record and replay', () => {
  let recorded: unknown[];

  it('records with every secret scrubbed from the fixture file', async () => {
    const live = undiciTransport({ guard: new SsrfGuard({ allowedHosts: ['api.vendor.test'], allowPrivateNetwork: true, resolve }) });
    const recorder = recordTransport(live, { scrub: { secrets: [new Secret(TENANT_SECRET)] }, file });
    recorded = await scenario(vendorClient(recorder.transport));
    await recorder.save(file);
    await live.close?.();

    const text = readFileSync(file, 'utf8');
    for (const secret of [API_KEY, BEARER, CLIENT_SECRET, ACCESS_TOKEN, TENANT_SECRET, 'refresh-LIVE', 'pw-LIVE']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization/i);
    const fixtures = await loadFixtures(file);
    expect(fixtures.exchanges).toHaveLength(6);
    expect(fixtures.exchanges[0]!.request).toEqual({
      method: 'POST',
      url: `http://api.vendor.test:${server.port}/oauth/token?api_key=[REDACTED]`,
      body: { text: 'grant_type=client_credentials&client_id=abc&client_secret=[REDACTED]' },
    });
    expect(fixtures.exchanges[0]!.response.body).toEqual({ json: { access_token: '[REDACTED]', refresh_token: '[REDACTED]', expires_in: 3600 } });
    expect(fixtures.exchanges[0]!.response.headers).toEqual({ 'content-type': 'application/json', 'set-cookie': '[REDACTED]' });
    expect(fixtures.exchanges[2]!.request.url).toContain('next_page_token=cursor-2');
    expect(fixtures.exchanges[3]!.response.status).toBe(301);
  });

  it('replays the same conversation with no network, secrets as [REDACTED]', async () => {
    const client = vendorClient(replayTransport(await loadFixtures(file), { scrub: { secrets: [new Secret(TENANT_SECRET)] } }));
    const replayed = await scenario(client);
    expect(replayed[1]).toEqual({ items: [{ id: 1, note: 'tenant [REDACTED]' }], next_page_token: 'cursor-2' });
    expect(replayed[2]).toEqual(recorded[2]);
    expect(replayed[3]).toEqual(replayed[1]);
    expect(replayed[4]).toBe(200);
  });

  it('fails on a request that was not recorded, and does not retry it', async () => {
    const replayer = replayTransport(await loadFixtures(file));
    const client = vendorClient(replayer);
    const error = await client.get('/v1/alerts', { query: { page_size: 50 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplayMismatchError);
    expect((error as Error).message).toContain('page_size=50');
    expect((error as Error).message).toContain('Recorded for this path');
    expect(() => replayer.assertAllUsed()).toThrow(/never requested/);
  });

  it('answers each exchange once unless reuse is on', async () => {
    const fixtures = await loadFixtures(file);
    const once = vendorClient(replayTransport(fixtures));
    await once.get('/v1/alerts', { query: { page_size: 1 } });
    await once.get('/v1/alerts', { query: { page_size: 1 } }); // the redirect's target, recorded too
    await expect(once.get('/v1/alerts', { query: { page_size: 1 } })).rejects.toBeInstanceOf(ReplayMismatchError);
    const reuse = vendorClient(replayTransport(fixtures, { reuse: true }));
    for (let i = 0; i < 3; i++) expect((await reuse.get('/v1/alerts', { query: { page_size: 1 } })).status).toBe(200);
  });
});
