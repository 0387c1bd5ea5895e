import { describe, expect, it } from 'vitest';
import { defineWebhook, webhookSecretSource } from './define-webhook.ts';
import { fieldsOf } from './fixtures/expect-invalid.ts';
import type { WebhookDeclaration } from './webhook-types.ts';

const handle: WebhookDeclaration['handle'] = (request) => ({ records: [{ stream: 'alerts', records: [request.body] }] });

describe('defineWebhook', () => {
  it('keeps the verification as data and the handler as a pure function', async () => {
    const webhook = defineWebhook({ verification: { kind: 'github' }, streams: ['alerts'], handle });
    expect(webhook.kind).toBe('webhook');
    expect(Object.isFrozen(webhook.verification)).toBe(true);
    const request = { method: 'POST', headers: {}, query: {}, body: { id: 1 }, rawBody: '{"id":1}', receivedAt: new Date(0) };
    expect(await webhook.handle(request, {})).toEqual({ records: [{ stream: 'alerts', records: [{ id: 1 }] }] });
  });

  it('checks hmac-sha256 settings', () => {
    const verification = { kind: 'hmac-sha256', header: 'X Sig', encoding: 'hex32', prefix: '' } as const;
    expect(fieldsOf(() => defineWebhook({ verification: verification as never, streams: ['alerts'], handle }))).toEqual([
      'webhook.verification.header',
      'webhook.verification.encoding',
      'webhook.verification.prefix',
    ]);
  });

  it('requires an IP allow-list of valid ranges for unverified webhooks', () => {
    expect(fieldsOf(() => defineWebhook({ verification: { kind: 'none' }, streams: ['alerts'], handle }))).toEqual(['webhook.ipAllowList']);
    const ipAllowList = ['192.0.2.0/24', '2001:db8::/32', '198.51.100.7', '10.0.0.0/33', 'example.com', '1.2.3.4/8/9'];
    expect(fieldsOf(() => defineWebhook({ verification: { kind: 'none' }, ipAllowList, streams: ['alerts'], handle }))).toEqual([
      'webhook.ipAllowList[3]',
      'webhook.ipAllowList[4]',
      'webhook.ipAllowList[5]',
    ]);
  });

  it('rejects unknown kinds, bad event types and webhooks that produce nothing', () => {
    expect(fieldsOf(() => defineWebhook({ verification: { kind: 'md5' } as never, streams: ['alerts'], handle }))).toEqual(['webhook.verification.kind']);
    expect(fieldsOf(() => defineWebhook({ verification: { kind: 'slack' }, streams: [], events: ['Incident Updated'], handle }))).toEqual([
      'webhook.events[0]',
    ]);
    expect(fieldsOf(() => defineWebhook({ verification: { kind: 'bearer' }, streams: [], handle }))).toEqual(['webhook']);
  });

  it('says who provides the secret', () => {
    expect(webhookSecretSource({ verification: { kind: 'slack' }, streams: ['a'], handle })).toBe('vendor');
    expect(webhookSecretSource({ verification: { kind: 'standard-webhooks' }, streams: ['a'], handle })).toBe('generated');
    expect(webhookSecretSource({ verification: { kind: 'bearer' }, secretSource: 'vendor', streams: ['a'], handle })).toBe('vendor');
    expect(webhookSecretSource({ verification: { kind: 'none' }, ipAllowList: ['192.0.2.1'], streams: ['a'], handle })).toBeNull();
  });
});
