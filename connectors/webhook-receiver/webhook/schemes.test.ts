import { defineWebhook, webhookVerificationKinds, type WebhookVerification, type WebhookVerificationKind } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { ManualClock } from '@patchbay/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../connector.ts';
import { createSender, signDelivery } from '../simulator/index.ts';
import type { ReceivedEvent } from './received-event.ts';
import { handleDelivery } from './receiver-webhook.ts';

/** One example of every scheme the SDK offers, as an instance's inbound settings would name it. */
const schemes: Readonly<Record<WebhookVerificationKind, WebhookVerification>> = {
  'standard-webhooks': { kind: 'standard-webhooks' },
  github: { kind: 'github' },
  'hmac-sha256': { kind: 'hmac-sha256', header: 'X-Signature', encoding: 'base64', prefix: 'sha256=' },
  slack: { kind: 'slack' },
  bearer: { kind: 'bearer', header: 'X-Webhook-Token' },
  none: { kind: 'none' },
};

describe('every verification scheme an instance may choose', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((_request, response) => {
      response.writeHead(202).end();
    });
  });
  afterAll(() => server.close());

  it.each(webhookVerificationKinds)('%s: gives a valid declaration, and its signed deliveries become the same records', async (kind) => {
    const verification = schemes[kind];
    const declared = defineWebhook({ ...connector.webhook!, verification, ...(kind === 'none' ? { ipAllowList: ['192.0.2.0/24'] } : {}) });
    expect(declared.verification).toEqual(verification);

    const clock = new ManualClock('2026-05-01T12:00:00Z');
    const secret = `whsec_${Buffer.from(`secret-for-${kind}`).toString('base64')}`;
    const sender = createSender({ url: server.url, verification, secret, clock, headers: { 'x-event-type': 'alert.raised' } });
    const delivery = await sender.send([{ alert_id: 'a-1', level: 'high' }], { id: `msg_${kind}` });
    const received = server.requests.at(-1)!;
    const signature = signDelivery(verification, secret, received.body, { id: delivery.id, timestamp: 1777636800 });
    expect(received.headers).toMatchObject(signature);

    // What the engine does once the signature checks out: the verified request and the instance's configuration.
    const headers = Object.fromEntries(Object.entries(received.headers).map(([name, value]) => [name, String(value)]));
    const request = { method: 'POST', headers, query: {}, body: JSON.parse(received.body) as unknown, rawBody: received.body, receivedAt: clock.now() };
    expect(declared.handle).toBe(handleDelivery);
    const result = handleDelivery(request, { id_field: 'alert_id', severity_field: 'level', event_type_header: 'X-Event-Type' });
    expect(result.records![0]!.records).toMatchObject([{ id: 'a-1', severity: 'high', event_type: 'alert.raised', payload: { alert_id: 'a-1', level: 'high' } } satisfies Partial<ReceivedEvent>]);
  });
});
