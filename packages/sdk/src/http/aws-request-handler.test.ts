import { Readable } from 'node:stream';
import { HttpRequest } from '@smithy/core/protocols';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../testing/local-server.ts';
import { awsSigV4 } from './auth/aws-sigv4.ts';
import { PatchbayAwsRequestHandler } from './aws-request-handler.ts';
import type { HttpMetrics } from './client-options.ts';
import { createHttpClient, type PatchbayHttpClient } from './create-http-client.ts';

let server: LocalServer;
let client: PatchbayHttpClient;
let metrics: HttpMetrics[];

afterEach(async () => {
  await client?.close();
  await server?.close();
});

async function setup(status = 200): Promise<PatchbayAwsRequestHandler> {
  server = await startLocalServer((req, res) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
    res.end(JSON.stringify({ path: req.url, body: req.body }));
  });
  metrics = [];
  client = createHttpClient({
    baseUrl: server.url,
    allowPrivateNetwork: true,
    clock: new ManualClock('2026-02-01T00:00:00Z'),
    auth: awsSigV4({ accessKeyId: 'AKIDREAL', secretAccessKey: new Secret('real-secret'), region: 'us-east-1', service: 'securityhub', clock: new ManualClock('2026-02-01T00:00:00Z') }),
    onMetrics: (m) => metrics.push(m),
  });
  return new PatchbayAwsRequestHandler(client);
}

function sdkRequest(body: unknown): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: server.port,
    path: '/findings',
    query: { MaxResults: '5', Filter: ['a b', 'c'] },
    headers: {
      host: `127.0.0.1:${server.port}`,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'SecurityHubAPIService.GetFindings',
      authorization: 'AWS4-HMAC-SHA256 Credential=patchbay-placeholder/20260201/us-east-1/securityhub/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20200101T000000Z',
      'content-length': '13',
    },
    body,
  });
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('PatchbayAwsRequestHandler', () => {
  it('sends an SDK request through ctx.http, re-signed with the real credentials', async () => {
    const handler = await setup();
    const { response } = await handler.handle(sdkRequest('{"MaxResults":5}'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-amzn-requestid']).toBe('req-1');
    expect(response.body).toBeInstanceOf(Readable);
    expect(JSON.parse(await text(response.body as Readable))).toEqual({ path: '/findings?Filter=a%20b&Filter=c&MaxResults=5', body: '{"MaxResults":5}' });
    const sent = server.requests[0]!.headers;
    expect(String(sent.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDREAL\/20260201\/us-east-1\/securityhub\/aws4_request/);
    expect(sent['x-amz-date']).toBe('20260201T000000Z');
    expect(metrics[0]).toMatchObject({ operation: 'GetFindings', status: 200 });
  });

  it('hands error statuses back to the SDK instead of throwing, once (the SDK retries itself)', async () => {
    const handler = await setup(503);
    const { response } = await handler.handle(sdkRequest(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')])));
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(await text(response.body as Readable)).body).toBe('{"a":1}');
    expect(server.requests).toHaveLength(1);
  });

  it('still applies the SSRF guard', async () => {
    const handler = await setup();
    const request = sdkRequest('{}');
    request.hostname = '169.254.169.254';
    await expect(handler.handle(request)).rejects.toMatchObject({ code: 'HOST_NOT_ALLOWED' });
  });

  it('honours the SDK abort signal', async () => {
    const handler = await setup();
    const controller = new AbortController();
    controller.abort();
    await expect(handler.handle(sdkRequest('{}'), { abortSignal: controller.signal })).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
  });
});
