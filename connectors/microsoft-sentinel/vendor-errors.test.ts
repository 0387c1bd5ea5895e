import { describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import type { HttpResponse } from '@patchbay/sdk';
import connector from './connector.ts';
import { DCR_ID } from './simulator/index.ts';
import { batchOf, destinationContext, eventsIn, tokenSource } from './testing/events.ts';
import { failure, useSender } from './testing/sender.ts';
import { refusal } from './vendor-errors.ts';

const send = connector.destination!.send!;
const { setup } = useSender();

describe('the API’s answers', () => {
  it('429 with Retry-After: the client waits what the API asked, then the call goes through', async () => {
    const { s, ctx, clock } = await setup();
    s.inject({ kind: 'rate-limit', retryAfterSeconds: 7 });
    await send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 2)));
    expect(s.uploads.map((u) => u.status)).toEqual([429, 204]);
    expect(clock.waits.some((ms) => ms >= 7_000)).toBe(true);
    expect(s.rows()).toHaveLength(2);
  });

  it('429 that does not end: VENDOR_RATE_LIMITED with the wait, after the retries', async () => {
    const { s, ctx } = await setup();
    s.outage({ status: 429, retryAfterSeconds: 20 });
    const error = await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 2))));
    expect(error).toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryable: true, retryAfterMs: 20_000, details: { call: 1, calls: 1, status: 429 } });
    expect(error.hint).toMatch(/12,000 requests/);
    expect(s.uploads).toHaveLength(4);
  });

  it('5xx: a burst is retried with backoff; an outage fails the batch as VENDOR_UNAVAILABLE', async () => {
    const { s, ctx } = await setup();
    s.inject({ kind: 'server-errors', count: 2 });
    await send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1)));
    expect(s.uploads.map((u) => u.status)).toEqual([503, 503, 204]);
    s.outage({ status: 503 });
    const error = await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1, { firstSeq: 2 }))));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true, details: { status: 503 } });
  });

  it('401 for a revoked token: one fresh token, and the call goes through', async () => {
    const { s, ctx, tokens } = await setup();
    s.inject({ kind: 'unauthorized-once' });
    await send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 2)));
    expect(s.uploads.map((u) => u.status)).toEqual([401, 204]);
    expect(tokens.refreshes()).toBe(1);
  });

  it('401 for a token of another resource: VENDOR_AUTH_FAILED saying the token must be for Azure Monitor', async () => {
    const { s, ctx, tokens } = await setup({ issue: (x) => x.issueToken('https://graph.microsoft.com') });
    const error = await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))));
    expect(error).toMatchObject({ code: 'VENDOR_AUTH_FAILED', details: { call: 1 } });
    expect(error.hint).toContain('https://monitor.azure.com/.default');
    expect(tokens.refreshes()).toBe(1);
    expect(s.rows()).toEqual([]);
  });

  it('403: VENDOR_PERMISSION_DENIED naming the Monitoring Metrics Publisher role on the rule', async () => {
    const { s, ctx } = await setup();
    s.deny();
    const error = await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))));
    expect(error).toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { status: 403, vendor_code: 'OperationFailed', permission: 'Monitoring Metrics Publisher', dcr_immutable_id: DCR_ID } });
    expect(error.hint).toMatch(/Monitoring Metrics Publisher role on the data collection rule/);
    expect(s.uploads).toHaveLength(1);
  });

  it('400 InvalidStream and InvalidDcrImmutableId: the configuration field to fix', async () => {
    const stream = await setup({ config: { stream_name: 'Custom-NotThere' } });
    expect(await failure(send(stream.ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))))).toMatchObject({
      code: 'VENDOR_REQUEST_REJECTED',
      field: 'configuration.stream_name',
      details: { status: 400, vendor_code: 'InvalidStream' },
    });
    const rule = await setup({ config: { dcr_immutable_id: 'dcr-ffffffffffffffffffffffffffffffff' } });
    const error = await failure(send(rule.ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))));
    expect(error).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'configuration.dcr_immutable_id', details: { vendor_code: 'InvalidDcrImmutableId' } });
    expect(error.hint).toMatch(/immutableId/);
  });

  it('404 for an endpoint with a path: the endpoint field to fix', async () => {
    const { s, track } = await setup();
    const wrong = track(destinationContext({ configuration: { ...s.configuration, endpoint: `${s.baseUrl}/api/v1` }, clock: new AutoAdvanceClock(), auth: tokenSource(() => s.issueToken()).auth }));
    expect(await failure(send(wrong, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))))).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'configuration.endpoint', details: { status: 404 } });
  });

  it('400 InvalidContentType and payload errors, as the endpoint answers them', async () => {
    const { s } = await setup();
    const config = connector.config.parse(s.configuration);
    const at = { call: 2, calls: 3, requestId: '0f8fad5b-d9cb-469f-a165-70867728950e', firstEventId: 'e9' };
    const answer = async (headers: Record<string, string>, body: string): Promise<HttpResponse<string>> => {
      const response = await fetch(`${s.baseUrl}/dataCollectionRules/${config.dcr_immutable_id}/streams/${config.stream_name}?api-version=2023-01-01`, { method: 'POST', headers: { authorization: `Bearer ${s.issueToken()}`, ...headers }, body });
      return { status: response.status, headers: response.headers, url: response.url, body: await response.text(), bytes: 0, durationMs: 0 };
    };
    const type = refusal(await answer({ 'content-type': 'text/csv' }, 'a,b'), config, at);
    expect(type).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 400, vendor_code: 'InvalidContentType', call: 2, requestId: at.requestId } });
    expect(type.hint).toMatch(/gzip off/);
    const payload = refusal(await answer({ 'content-type': 'application/json' }, '{"not":"an array"}'), config, at);
    expect(payload).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { vendor_code: 'InvalidPayload' } });
    expect(payload.message).toContain('refused the rows of call 2 of 3');
    expect(payload.hint).toMatch(/stream declaration/);
  });

  it('goes through the SSRF guard: a private endpoint needs allow_private_network on the instance', async () => {
    const { s, ctx } = await setup({ allowPrivateNetwork: false });
    expect(await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1))))).toMatchObject({ code: 'PRIVATE_NETWORK_BLOCKED' });
    expect(s.requests).toEqual([]);
  });
});
