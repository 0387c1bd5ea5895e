import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { ManualClock } from '@patchbay/types';
import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../config.ts';
import type { ReceivedEvent } from '../webhook/received-event.ts';
import { receive } from '../webhook/receive.ts';
import { createSender, signDelivery } from './index.ts';

describe('signDelivery follows each scheme’s documented example', () => {
  it('Standard Webhooks (the spec’s reference test vector)', () => {
    const headers = signDelivery({ kind: 'standard-webhooks' }, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', '{"test": 2432232314}', {
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
    });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('GitHub (docs.github.com, "Validating webhook deliveries": "Hello, World!")', () => {
    expect(signDelivery({ kind: 'github' }, "It's a Secret to Everybody", 'Hello, World!', { id: 'x', timestamp: 0 })).toEqual({
      'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    });
  });

  it('Slack (api.slack.com, "Verifying requests from Slack": the slash command example)', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signDelivery({ kind: 'slack' }, '8f742231b10e8888abcd99yyyzzz85a5', body, { id: 'x', timestamp: 1531420618 })).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    });
  });

  it('hmac-sha256 with the configured header, encoding and prefix; bearer; none', () => {
    const hmac = signDelivery({ kind: 'hmac-sha256', header: 'X-Signature', encoding: 'base64', prefix: 'sha256=' }, "It's a Secret to Everybody", 'Hello, World!', { id: 'x', timestamp: 0 });
    expect(hmac).toEqual({ 'x-signature': `sha256=${Buffer.from('757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17', 'hex').toString('base64')}` });
    expect(signDelivery({ kind: 'bearer' }, 'tok', '{}', { id: 'x', timestamp: 0 })).toEqual({ authorization: 'Bearer tok' });
    expect(signDelivery({ kind: 'bearer', header: 'X-Token' }, 'tok', '{}', { id: 'x', timestamp: 0 })).toEqual({ 'x-token': 'tok' });
    expect(signDelivery({ kind: 'none' }, '', '{}', { id: 'x', timestamp: 0 })).toEqual({});
  });
});

describe('createSender', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('delivers signed JSON over HTTP that the handler turns into records, and redelivers the same delivery', async () => {
    let status = 500;
    server = await startLocalServer((_request, response) => {
      response.writeHead(status).end();
    });
    const clock = new ManualClock('2026-05-01T12:00:00Z');
    const sender = createSender({ url: `${server.url}/api/integration/webhook/k1`, verification: { kind: 'github' }, secret: 's3cret-value', clock, headers: { 'x-github-event': 'issues' } });
    const delivery = await sender.send({ action: 'opened', issue: { number: 1 } }, { id: 'd-1' });
    clock.advance(60_000);
    status = 204;
    await sender.redeliver('d-1');
    expect(delivery.statuses).toEqual([500, 204]);

    const [first, second] = server.requests;
    expect(first!.headers['x-hub-signature-256']).toBe(signDelivery({ kind: 'github' }, 's3cret-value', first!.body, { id: 'd-1', timestamp: 0 })['x-hub-signature-256']);
    expect(second!.body).toBe(first!.body);

    // What the engine's inbound route will do once the signature checks out: hand the request to the handler.
    const headers = Object.fromEntries(Object.entries(second!.headers).map(([name, value]) => [name, String(value)]));
    const result = receive({ method: 'POST', headers, query: {}, body: JSON.parse(second!.body), rawBody: second!.body, receivedAt: clock.now() }, config.parse({}));
    expect(result.records![0]!.records).toMatchObject([{ id: 'd-1', event_type: 'issues.opened', delivery_id: 'd-1' } satisfies Partial<ReceivedEvent>]);
  });

  it('signs Standard Webhooks deliveries with the clock’s timestamp', async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(204).end();
    });
    const clock = new ManualClock('2026-05-01T12:00:00Z');
    const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const sender = createSender({ url: server.url, verification: { kind: 'standard-webhooks' }, secret, clock });
    await sender.send([{ n: 1 }], { id: 'msg_1' });
    const [received] = server.requests;
    const expected = signDelivery({ kind: 'standard-webhooks' }, secret, received!.body, { id: 'msg_1', timestamp: 1777636800 });
    expect(received!.headers).toMatchObject(expected);
    expect(sender.deliveries()).toMatchObject([{ id: 'msg_1', statuses: [204] }]);
  });
});
