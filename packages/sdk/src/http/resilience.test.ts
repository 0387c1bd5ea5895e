import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../testing/local-server.ts';
import { waitFor } from '../testing/wait-for.ts';
import type { HttpMetrics } from './client-options.ts';
import { createHttpClient, type PatchbayHttpClient } from './create-http-client.ts';
import type { HttpClientOptions } from './client-options.ts';

let server: LocalServer;
let client: PatchbayHttpClient;
let clock: ManualClock;
let metrics: HttpMetrics[];

afterEach(async () => {
  await client?.close();
  await server?.close();
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function setup(handler: Parameters<typeof startLocalServer>[0], options: Partial<HttpClientOptions> = {}): Promise<void> {
  server = await startLocalServer(handler);
  clock = new ManualClock();
  metrics = [];
  client = createHttpClient({
    baseUrl: server.url,
    allowPrivateNetwork: true,
    clock,
    random: () => 0.5,
    onMetrics: (m) => metrics.push(m),
    ...options,
  });
}

/** Waits until attempt n is over and the client sleeps before the next one. */
async function sleepingAfterAttempt(n: number): Promise<void> {
  await waitFor(() => metrics.length === n && clock.pending === 1);
}

describe('retries', () => {
  it('honours Retry-After on 429 exactly (ManualClock), then succeeds', async () => {
    let calls = 0;
    await setup((_req, res) => (++calls === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '7' }) : json(res, 200, { ok: true })), {
      random: () => 0,
    });
    const pending = client.get('/alerts');
    await sleepingAfterAttempt(1);
    expect(metrics[0]).toMatchObject({ status: 429, code: 'VENDOR_RATE_LIMITED' });
    clock.advance(6_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.requests).toHaveLength(1);
    clock.advance(1);
    expect((await pending).body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a burst of 5xx with exponential backoff and full jitter, then succeeds', async () => {
    let calls = 0;
    await setup((_req, res) => (++calls <= 3 ? json(res, calls === 2 ? 502 : 503, {}) : json(res, 200, { ok: true })), {
      retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000 },
    });
    const pending = client.get('/alerts');
    // random() = 0.5: delays are half of 1 s, 2 s, 4 s.
    for (const [attempt, delay] of [[1, 500], [2, 1_000], [3, 2_000]] as const) {
      await sleepingAfterAttempt(attempt);
      clock.advance(delay - 1);
      expect(clock.pending).toBe(1);
      clock.advance(1);
    }
    expect((await pending).status).toBe(200);
    expect(metrics.map((m) => m.status)).toEqual([503, 502, 503, 200]);
  });

  it('gives up after maxAttempts with the last transient error', async () => {
    await setup((_req, res) => json(res, 500, { message: 'boom' }), { retry: { maxAttempts: 2, baseDelayMs: 10 }, breaker: false });
    const pending = client.get('/x').catch((e: unknown) => e);
    await sleepingAfterAttempt(1);
    clock.advance(10);
    expect(await pending).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true, details: { status: 500 } });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry non-retryable statuses, nor anything when retry is false', async () => {
    await setup((req, res) => json(res, req.url === '/bad' ? 400 : 503, {}));
    await expect(client.get('/bad')).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED' });
    await expect(client.post('/once', {}, { retry: false })).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(server.requests).toHaveLength(2);
  });

  it('hands a Retry-After longer than maxRetryAfterMs to the caller instead of waiting', async () => {
    await setup((_req, res) => json(res, 429, {}, { 'retry-after': '3600' }));
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, refuses without calling, then lets one half-open probe through', async () => {
    let healthy = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await setup(async (req, res) => {
      if (req.url === '/held-probe') await gate;
      return healthy ? json(res, 200, { ok: true }) : json(res, 503, {});
    }, {
      retry: { maxAttempts: 1 },
      breaker: { failureThreshold: 3, cooldownMs: 60_000 },
    });
    for (let i = 0; i < 3; i++) await expect(client.get('/x')).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(client.breaker?.state).toBe('open');
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 60_000 });
    expect(server.requests).toHaveLength(3);

    clock.advance(60_000);
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(client.breaker?.state).toBe('open');
    expect(server.requests).toHaveLength(4);

    clock.advance(60_000);
    healthy = true;
    const probe = client.get('/held-probe');
    await waitFor(() => server.requests.length === 5);
    expect(client.breaker?.state).toBe('half-open');
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'CIRCUIT_OPEN' });
    release();
    expect((await probe).status).toBe(200);
    expect(client.breaker?.state).toBe('closed');
    expect((await client.get('/x')).status).toBe(200);
  });
});

describe('limits', () => {
  it('times out an attempt after timeoutMs of clock time', async () => {
    await setup(() => undefined, { timeoutMs: 5_000, retry: { maxAttempts: 1 } });
    const pending = client.get('/hang').catch((e: unknown) => e);
    await waitFor(() => server.requests.length === 1);
    clock.advance(4_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(metrics).toHaveLength(0);
    clock.advance(1);
    expect(await pending).toMatchObject({ code: 'VENDOR_TIMEOUT', details: { timeoutMs: 5_000 } });
  });

  it('cancels through the request signal, also while waiting to retry', async () => {
    await setup((req, res) => (req.url === '/hang' ? undefined : json(res, 503, {})));
    const inFlight = new AbortController();
    const pending = client.get('/hang', { signal: inFlight.signal }).catch((e: unknown) => e);
    await waitFor(() => server.requests.length === 1);
    inFlight.abort();
    expect(await pending).toMatchObject({ code: 'REQUEST_CANCELLED' });

    const waiting = new AbortController();
    const retrying = client.get('/fail', { signal: waiting.signal }).catch((e: unknown) => e);
    await sleepingAfterAttempt(2);
    waiting.abort();
    expect(await retrying).toMatchObject({ code: 'REQUEST_CANCELLED' });
    expect(clock.pending).toBe(0);
  });

  it('refuses a body over maxBytes, by Content-Length and while streaming, without reading it all', async () => {
    let written = 0;
    await setup((req, res) => {
      if (req.url === '/declared') return json(res, 200, { data: 'x'.repeat(2_000) });
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'y'.repeat(16 * 1024);
      const timer = setInterval(() => {
        written += chunk.length;
        if (!res.write(chunk) || written > 8 * 1024 * 1024) {
          clearInterval(timer);
          res.end();
        }
      }, 0);
      res.on('close', () => clearInterval(timer));
    });
    await expect(client.get('/declared', { maxBytes: 1_000 })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE', details: { maxBytes: 1_000 } });
    await expect(client.get('/stream', { maxBytes: 64 * 1024 })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });

  it('classifies malformed JSON as VENDOR_BAD_RESPONSE, not retried', async () => {
    await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"items": [1, 2');
    });
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', kind: 'vendor' });
    expect(server.requests).toHaveLength(1);
  });

  it('classifies a refused connection as VENDOR_UNAVAILABLE', async () => {
    await setup((_req, res) => json(res, 200, {}), { retry: { maxAttempts: 1 } });
    const url = server.url;
    await server.close();
    await expect(client.get(`${url}/x`)).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', kind: 'transient' });
    server = await startLocalServer(() => undefined);
  });
});
