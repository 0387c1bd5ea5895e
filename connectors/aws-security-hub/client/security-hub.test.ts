import { BatchUpdateFindingsCommand, GetFindingsCommand, InvalidAccessException, InvalidInputException, LimitExceededException } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { connectorContext } from '@patchbay/conformance';
import type { ConnectorContext, HttpClient, Transport, TransportRequest } from '@patchbay/sdk';
import connector from '../connector.ts';
import type { SecurityHubConfig } from '../config.ts';
import { TEST_ACCESS_KEY_ID, testSigner } from '../testing.ts';
import { SecurityHub } from './security-hub.ts';
import { vendorError } from './vendor-error.ts';

interface Scripted {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** A transport answering from a script, keeping what reached the wire (after ctx.http's auth). */
function scripted(answers: Scripted[]) {
  const sent: TransportRequest[] = [];
  const transport: Transport = {
    addressCheck: 'offline',
    async send(request) {
      sent.push(request);
      const answer = answers.shift() ?? { status: 200, body: '{}' };
      const bytes = Buffer.from(answer.body);
      return {
        status: answer.status,
        headers: new Headers({ 'content-type': 'application/json', ...answer.headers }),
        body: (async function* () {
          yield new Uint8Array(bytes);
        })(),
      };
    },
  };
  return { sent, transport };
}

const awsError = (status: number, type: string, message: string, headers: Record<string, string> = {}): Scripted => ({
  status,
  body: JSON.stringify({ Message: message, Code: type }),
  headers: { 'x-amzn-errortype': type, ...headers },
});

function open(answers: Scripted[], configuration: Record<string, unknown> = {}) {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const { sent, transport } = scripted(answers);
  const ctx = connectorContext({
    connector,
    configuration: { region: 'eu-west-1', ...configuration },
    allowPrivateNetwork: false,
    clock,
    auth: testSigner(clock, 'eu-west-1'),
    transport,
  });
  // What the SDK's request handler hands to ctx.http, before ctx.http's auth applier.
  const handed: Parameters<HttpClient['request']>[0][] = [];
  const http: HttpClient = {
    request: (request) => (handed.push(request), ctx.http.request(request)),
    get: (url, options) => ctx.http.get(url, options),
    post: (url, body, options) => ctx.http.post(url, body, options),
  };
  const hub = new SecurityHub({ ...ctx, http } as unknown as ConnectorContext<SecurityHubConfig>, 'findings');
  return { hub, sent, handed, clock, close: () => ctx.close() };
}

const getFindings = (token?: string) => new GetFindingsCommand({ MaxResults: 2, ...(token ? { NextToken: token } : {}) });

describe('SecurityHub: the AWS SDK client through ctx.http', () => {
  it('sends the SDK request unsigned to ctx.http, which signs it once, for the home Region endpoint', async () => {
    const { hub, sent, handed, close } = open([{ status: 200, body: JSON.stringify({ Findings: [] }) }]);
    await hub.raw(getFindings());
    await close();
    expect(handed).toHaveLength(1);
    const names = Object.keys(handed[0]!.headers ?? {}).map((name) => name.toLowerCase());
    expect(names).not.toContain('authorization');
    expect(names).not.toContain('x-amz-date');
    expect(handed[0]!.headers?.['amz-sdk-request']).toBe('attempt=1; max=1');
    expect(handed[0]).toMatchObject({ method: 'POST', url: 'https://securityhub.eu-west-1.amazonaws.com/findings', operation: 'findings', acceptStatus: [400, 404] });
    expect(handed[0]!.retry).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${TEST_ACCESS_KEY_ID}/20260501/eu-west-1/securityhub/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`));
    expect(sent[0]!.headers['x-amz-date']).toBe('20260501T000000Z');
    expect(JSON.parse(Buffer.from(sent[0]!.body as Uint8Array).toString('utf8'))).toEqual({ MaxResults: 2 });
  });

  it("returns Security Hub's JSON as it came, with members the SDK's model lacks", async () => {
    const finding = { Id: 'f-1', FindingProviderFields: { Severity: { Label: 'HIGH', Normalized: 70 } }, SomeFutureMember: { a: 1 } };
    const { hub, close } = open([{ status: 200, body: JSON.stringify({ Findings: [finding] }) }]);
    await expect(hub.raw(getFindings())).resolves.toEqual({ Findings: [finding] });
    await close();
  });

  it('retries throttling and server errors in ctx.http on the engine clock, then gives its own error', async () => {
    const { hub, sent, clock, close } = open([awsError(429, 'TooManyRequestsException', 'Rate exceeded', { 'retry-after': '2' }), awsError(500, 'InternalException', 'Internal'), { status: 200, body: '{"ProcessedFindings":[],"UnprocessedFindings":[]}' }]);
    const input = { FindingIdentifiers: [{ Id: 'a', ProductArn: 'b' }], Workflow: { Status: 'RESOLVED' as const }, Note: { Text: 'n', UpdatedBy: 'Patchbay' } };
    await expect(hub.raw(new BatchUpdateFindingsCommand(input))).resolves.toMatchObject({ ProcessedFindings: [] });
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(Array(3).fill('PATCH /findings/batchupdate'));
    // The body on the wire is the command input as it is: what the action's plan shows.
    expect(JSON.parse(Buffer.from(sent[0]!.body as Uint8Array).toString('utf8'))).toEqual(input);
    expect(sent.every((r) => r.headers.authorization?.startsWith(`AWS4-HMAC-SHA256 Credential=${TEST_ACCESS_KEY_ID}/`))).toBe(true);
    expect(clock.waits.some((ms) => ms >= 2000)).toBe(true);
    const denied = open([awsError(403, 'AccessDeniedException', 'User: arn:aws:iam::111122223333:user/patchbay is not authorized to perform: securityhub:GetFindings')]);
    await expect(denied.hub.raw(getFindings())).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { permission: 'securityhub:GetFindings' } });
    await Promise.all([close(), denied.close()]);
  });

  it('turns the SDK exceptions for 400 and 404 into PatchbayErrors, InvalidInputException on a NextToken into PAGE_TOKEN_EXPIRED', async () => {
    const { hub, close } = open([
      awsError(400, 'InvalidInputException', 'The NextToken has expired'),
      awsError(400, 'InvalidInputException', 'MaxResults must be an integer from 1 to 100'),
      awsError(404, 'ResourceNotFoundException', 'No operation'),
    ]);
    await expect(hub.raw(getFindings('old'), { continuation: true })).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED', details: { vendorError: 'InvalidInputException', status: 400 } });
    await expect(hub.raw(getFindings())).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { operation: 'findings', vendorError: 'InvalidInputException', vendorMessage: 'MaxResults must be an integer from 1 to 100' } });
    await expect(hub.raw(getFindings())).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { vendorError: 'ResourceNotFoundException', status: 404 } });
    await close();
  });

  it('fails with VENDOR_BAD_RESPONSE on a 200 whose JSON does not parse', async () => {
    const { hub, close } = open([{ status: 200, body: '{"Findings":[{"Id":' }]);
    await expect(hub.raw(getFindings())).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    await close();
  });

  it('sends relative URLs under base_url, so the connection URL (a proxy) applies', async () => {
    const { hub, handed, sent, close } = open([{ status: 200, body: '{}' }], { base_url: 'https://vpce-1.securityhub.eu-west-1.vpce.amazonaws.com/' });
    await hub.raw(getFindings());
    await close();
    expect(handed[0]!.url).toBe('/findings');
    expect(sent[0]!.url.href).toBe('https://vpce-1.securityhub.eu-west-1.vpce.amazonaws.com/findings');
  });
});

describe('vendorError', () => {
  const sdk = (Exception: typeof InvalidAccessException | typeof LimitExceededException | typeof InvalidInputException, status: number) =>
    new Exception({ message: 'from AWS', $metadata: { httpStatusCode: status, requestId: 'req-1' } });

  it('gives the codes ctx.http gives, whatever status reaches the SDK', () => {
    expect(vendorError(sdk(InvalidAccessException, 401), { operation: 'findings' })).toMatchObject({ code: 'VENDOR_AUTH_FAILED', details: { requestId: 'req-1' } });
    expect(vendorError(sdk(LimitExceededException, 429), { operation: 'findings' })).toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryable: true });
    expect(vendorError(sdk(InvalidInputException, 400), { operation: 'findings', continuation: true })).toMatchObject({ code: 'PAGE_TOKEN_EXPIRED', retryable: true });
  });

  it('passes other errors through unchanged', () => {
    const error = new Error('socket hang up');
    expect(vendorError(error, { operation: 'findings' })).toBe(error);
  });
});
