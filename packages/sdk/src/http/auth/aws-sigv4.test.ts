import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, Secret } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../../testing/local-server.ts';
import { createHttpClient, type PatchbayHttpClient } from '../create-http-client.ts';
import type { PreparedRequest } from '../prepared-request.ts';
import { awsSigV4, signingRegionOf } from './aws-sigv4.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('awsSigV4', () => {
  it("signs for the region of a regional endpoint of its service, else for its own region", async () => {
    expect(signingRegionOf('guardduty.eu-west-1.amazonaws.com', 'guardduty')).toBe('eu-west-1');
    expect(signingRegionOf('securityhub-fips.us-gov-west-1.amazonaws.com', 'securityhub')).toBe('us-gov-west-1');
    expect(signingRegionOf('sts.cn-north-1.amazonaws.com.cn', 'sts')).toBe('cn-north-1');
    expect(signingRegionOf('guardduty.eu-west-1.amazonaws.com', 'securityhub')).toBeUndefined();
    expect(signingRegionOf('127.0.0.1', 'guardduty')).toBeUndefined();
    const signer = awsSigV4({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: new Secret(SECRET), region: 'us-east-1', service: 'guardduty', clock: new ManualClock('2026-05-01T00:00:00Z') });
    const scopeOf = async (url: string) => {
      const request: PreparedRequest = { method: 'GET', url: new URL(url), headers: {}, body: undefined };
      await signer.apply(request);
      return /Credential=AKIDEXAMPLE\/\d{8}\/([^/]+)\/guardduty\//.exec(request.headers.authorization!)?.[1];
    };
    expect(await scopeOf('https://guardduty.ap-southeast-2.amazonaws.com/detector')).toBe('ap-southeast-2');
    expect(await scopeOf('http://127.0.0.1:4010/detector')).toBe('us-east-1');
  });


  it("matches AWS's get-vanilla test vector", async () => {
    const signer = awsSigV4({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: new Secret(SECRET),
      region: 'us-east-1',
      service: 'service',
      clock: new ManualClock('2015-08-30T12:36:00Z'),
      applyChecksum: false,
    });
    const request: PreparedRequest = { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, body: undefined };
    await signer.apply(request);
    expect(request.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(request.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });
});

/** An independent SigV4 check, as a server would do it: recompute from what arrived on the wire. */
function verify(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string, secret: string): boolean {
  const auth = String(headers.authorization);
  const match = /Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})/.exec(auth);
  if (!match) return false;
  const [, day = '', region = '', service = '', signedHeaders = '', signature] = match;
  const url = new URL(rawUrl, 'http://placeholder');
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...url.searchParams].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort().join('&');
  const canonicalHeaders = signedHeaders.split(';').map((h) => `${h}:${String(headers[h]).trim()}\n`).join('');
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  // Non-S3 services escape the (already escaped) path once more.
  const path = url.pathname.split('/').map(enc).join('/');
  const canonical = [method, path, query, canonicalHeaders, signedHeaders, hash(body)].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', String(headers['x-amz-date']), scope, hash(canonical)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secret}`);
  for (const part of [day, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

describe('awsSigV4 through the client', () => {
  let server: LocalServer;
  let client: PatchbayHttpClient;
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  it('sends a signature the server can recompute from the wire (path, query, headers, body, session token)', async () => {
    server = await startLocalServer((req, res) => {
      const valid = verify(req.method ?? 'GET', req.url ?? '/', req.headers, req.body, SECRET);
      res.writeHead(valid ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ valid }));
    });
    client = createHttpClient({
      baseUrl: server.url,
      allowPrivateNetwork: true,
      clock: new ManualClock(),
      auth: awsSigV4({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: new Secret(SECRET),
        sessionToken: new Secret('session-token'),
        region: 'eu-west-1',
        service: 'securityhub',
        clock: new ManualClock('2026-03-01T10:00:00Z'),
      }),
    });
    const res = await client.post<{ valid: boolean }>('/findings/a b', { Filters: { x: 1 } }, { query: { MaxResults: 10, 'next token': 'a+b=' } });
    expect(res.body.valid).toBe(true);
    const sent = server.requests[0]!.headers;
    expect(sent['x-amz-security-token']).toBe('session-token');
    expect(sent['x-amz-date']).toBe('20260301T100000Z');
    expect(String(sent.authorization)).toContain('Credential=AKIDEXAMPLE/20260301/eu-west-1/securityhub/aws4_request');
    expect(String(sent.authorization)).toContain('x-amz-content-sha256');
  });
});
