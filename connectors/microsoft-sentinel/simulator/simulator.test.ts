import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { DCR_ID, STREAM, startSentinelSimulator, type SentinelSimulatorHandle, type SentinelSimulatorOptions } from './index.ts';

let sim: SentinelSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (options: Partial<SentinelSimulatorOptions> = {}) => (sim = await startSentinelSimulator({ pageSize: 5, clock: new ManualClock('2026-05-01T00:00:00Z'), ...options }));
const uploadUrl = (s: SentinelSimulatorHandle, rule = DCR_ID, stream = STREAM, version = '2023-01-01') => `${s.baseUrl}/dataCollectionRules/${rule}/streams/${stream}?api-version=${version}`;

async function post(s: SentinelSimulatorHandle, body: string | Buffer, options: { token?: string; headers?: Record<string, string>; url?: string } = {}) {
  const token = options.token ?? s.issueToken();
  const response = await fetch(options.url ?? uploadUrl(s), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...options.headers }, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as { error: { code: string; message: string } }) : undefined };
}

describe('the Entra ID token endpoint of the simulator', () => {
  const token = (s: SentinelSimulatorHandle, fields: Record<string, string>) =>
    fetch(s.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: s.app.clientId, client_secret: s.app.clientSecret, ...fields }) });

  it('issues a bearer token for <resource>/.default, which the ingestion endpoint takes only for Azure Monitor', async () => {
    const s = await start();
    const monitor = await token(s, { scope: 'https://monitor.azure.com/.default' });
    expect(monitor.status).toBe(200);
    const issued = (await monitor.json()) as { token_type: string; expires_in: number; access_token: string };
    expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect((await post(s, '[{"a":1}]', { token: issued.access_token })).status).toBe(204);
    const graph = (await (await token(s, { scope: 'https://graph.microsoft.com/.default' })).json()) as { access_token: string };
    const refused = await post(s, '[{"a":1}]', { token: graph.access_token });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    expect(refused.body!.error.message).toContain('not https://monitor.azure.com');
    expect(s.tokensIssued).toEqual(['https://monitor.azure.com', 'https://graph.microsoft.com']);
  });

  it("answers Entra ID's errors: wrong secret, a scope without /.default, unknown tenant", async () => {
    const s = await start();
    const secret = await token(s, { scope: 'https://monitor.azure.com/.default', client_secret: 'wrong' });
    expect(secret.status).toBe(401);
    expect(await secret.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(await (await token(s, { scope: 'https://monitor.azure.com' })).json()).toMatchObject({ error: 'invalid_scope' });
    const tenant = await fetch(s.tokenUrl.replace(s.app.tenantId, 'other-tenant'), { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(tenant.status).toBe(400);
  });
});

describe('the ingestion endpoint of the simulator', () => {
  it('stores the rows of an accepted call per rule and stream, in order, and answers 204 with no body', async () => {
    const s = await start();
    const first = await post(s, JSON.stringify([{ TimeGenerated: '2026-05-01T00:00:00Z', n: 1 }, { n: 2 }]), { headers: { 'x-ms-client-request-id': '0f8fad5b-d9cb-469f-a165-70867728950e' } });
    expect(first).toMatchObject({ status: 204, body: undefined });
    expect((await post(s, gzipSync(JSON.stringify([{ n: 3 }])), { headers: { 'content-encoding': 'gzip', 'content-type': 'application/json; charset=utf-8' } })).status).toBe(204);
    expect((await post(s, '[{"other":true}]', { url: uploadUrl(s, DCR_ID, 'Microsoft-CommonSecurityLog') })).status).toBe(204);
    expect(s.rows()).toEqual([{ TimeGenerated: '2026-05-01T00:00:00Z', n: 1 }, { n: 2 }, { n: 3 }]);
    expect(s.rows('Microsoft-CommonSecurityLog')).toEqual([{ other: true }]);
    expect(s.stored()[0]!.requestId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(s.uploads.map((u) => [u.status, u.rows, u.encoding])).toEqual([
      [204, 2, undefined],
      [204, 1, 'gzip'],
      [204, 1, undefined],
    ]);
  });

  it('refuses what the docs say it refuses, with Azure Core error bodies and x-ms-error-code', async () => {
    const s = await start({ rules: { [DCR_ID]: [STREAM] } });
    const cases: [Awaited<ReturnType<typeof post>>, number, string][] = [
      [await post(s, '[]', { token: 'made-up' }), 401, 'InvalidAuthenticationToken'],
      [await post(s, '[]', { url: uploadUrl(s, DCR_ID, STREAM, '2099-01-01') }), 400, 'InvalidApiVersion'],
      [await post(s, '[]', { url: uploadUrl(s, 'dcr-00000000000000000000000000000000') }), 400, 'InvalidDcrImmutableId'],
      [await post(s, '[]', { url: uploadUrl(s, DCR_ID, 'Custom-Other') }), 400, 'InvalidStream'],
      [await post(s, '[]', { headers: { 'content-type': 'text/plain' } }), 400, 'InvalidContentType'],
      [await post(s, '[]', { headers: { 'content-encoding': 'br' } }), 400, 'InvalidContentType'],
      [await post(s, '[{"a":'), 400, 'InvalidPayload'],
      [await post(s, '{"a":1}'), 400, 'InvalidPayload'],
      [await post(s, '[1,2]'), 400, 'InvalidPayload'],
      [await post(s, Buffer.from('not gzip'), { headers: { 'content-encoding': 'gzip' } }), 400, 'InvalidPayload'],
      [await post(s, Buffer.from([0x5b, 0xff, 0xfe, 0x5d])), 400, 'InvalidPayload'],
    ];
    for (const [answer, status, code] of cases) {
      expect([answer.status, answer.body?.error.code, answer.headers.get('x-ms-error-code')]).toEqual([status, code, code]);
      expect(answer.body?.error.message).toEqual(expect.any(String));
    }
    s.deny();
    expect(await post(s, '[]')).toMatchObject({ status: 403, body: { error: { code: 'OperationFailed' } } });
    expect((await fetch(`${s.baseUrl}/streams/${STREAM}`, { method: 'POST' })).status).toBe(404);
    expect(s.rows()).toEqual([]);
  });

  it('takes at most the limit per call, compressed and not (413 beyond)', async () => {
    const s = await start({ maxCallBytes: 1_000 });
    const rows = (bytes: number) => `[${JSON.stringify({ p: 'x'.repeat(bytes - 10) })}]`;
    expect(rows(1_000)).toHaveLength(1_000);
    expect((await post(s, rows(1_000))).status).toBe(204);
    expect(await post(s, rows(1_001))).toMatchObject({ status: 413 });
    // Compressed to a few dozen bytes, 5 KB of JSON is still over the limit once decompressed.
    const gz = gzipSync(rows(5_000));
    expect(gz.length).toBeLessThan(1_000);
    expect(await post(s, gz, { headers: { 'content-encoding': 'gzip' } })).toMatchObject({ status: 413 });
    expect(s.rows()).toHaveLength(1);
  });

  it('injects the conformance faults on ingestion calls only, and holds an outage until it is lifted', async () => {
    const s = await start();
    s.inject({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const throttled = await post(s, '[{"a":1}]');
    expect(throttled).toMatchObject({ status: 429, body: { error: { code: 'TooManyRequests' } } });
    expect(throttled.headers.get('retry-after')).toBe('7');
    s.inject({ kind: 'server-errors', count: 2 });
    expect([(await post(s, '[]')).status, (await post(s, '[]')).status, (await post(s, '[]')).status]).toEqual([503, 503, 204]);
    const token = s.issueToken();
    s.inject({ kind: 'unauthorized-once' });
    expect((await post(s, '[]', { token })).status).toBe(401);
    expect((await post(s, '[]', { token })).status).toBe(401);
    expect((await post(s, '[]')).status).toBe(204);
    s.outage({ status: 503 });
    expect([(await post(s, '[]')).status, (await post(s, '[]')).status]).toEqual([503, 503]);
    s.outage(null);
    expect((await post(s, '[{"b":2}]')).status).toBe(204);
    expect(s.rows()).toEqual([{ b: 2 }]);
    expect(s.requests.filter((r) => r.fault).map((r) => [r.status, r.fault])).toEqual([
      [429, 'rate-limit'],
      [503, 'server-errors'],
      [503, 'server-errors'],
      [401, 'unauthorized-once'],
    ]);
  });
});
