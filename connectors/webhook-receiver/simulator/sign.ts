import { createHmac } from 'node:crypto';
import type { WebhookVerification } from '@patchbay/sdk';

export interface SignOptions {
  /** The delivery id (Standard Webhooks `webhook-id`). */
  readonly id: string;
  /** Seconds since the epoch (Standard Webhooks and Slack sign it with the body). */
  readonly timestamp: number;
}

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8');

/** Standard Webhooks secrets are `whsec_` and the base64 key; the key's bytes sign. */
function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/**
 * The headers a sender adds to sign `body` the way each scheme documents it:
 * - Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` (spec, "Signature scheme").
 * - GitHub: `X-Hub-Signature-256: sha256=` + hex HMAC-SHA256 of the body (docs, "Validating webhook deliveries").
 * - Slack: `X-Slack-Signature: v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` (docs, "Verifying requests from Slack").
 * - hmac-sha256: the configured header, prefix and encoding over the body.
 * - bearer: the shared token in the header (`Authorization: Bearer <token>` by default).
 */
export function signDelivery(verification: WebhookVerification, secret: string, body: string, options: SignOptions): Record<string, string> {
  switch (verification.kind) {
    case 'standard-webhooks': {
      const signature = hmac(standardWebhooksKey(secret), `${options.id}.${options.timestamp}.${body}`).digest('base64');
      return { 'webhook-id': options.id, 'webhook-timestamp': String(options.timestamp), 'webhook-signature': `v1,${signature}` };
    }
    case 'github':
      return { 'x-hub-signature-256': `sha256=${hmac(secret, body).digest('hex')}` };
    case 'slack':
      return {
        'x-slack-request-timestamp': String(options.timestamp),
        'x-slack-signature': `v0=${hmac(secret, `v0:${options.timestamp}:${body}`).digest('hex')}`,
      };
    case 'hmac-sha256':
      return { [verification.header.toLowerCase()]: `${verification.prefix ?? ''}${hmac(secret, body).digest(verification.encoding)}` };
    case 'bearer': {
      const header = (verification.header ?? 'authorization').toLowerCase();
      return { [header]: header === 'authorization' ? `Bearer ${secret}` : secret };
    }
    case 'none':
      return {};
  }
}
