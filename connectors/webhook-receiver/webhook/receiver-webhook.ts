import { defineWebhook, type WebhookRequest, type WebhookResult } from '@patchbay/sdk';
import { config, type ReceiverConfig } from '../config.ts';
import { EVENTS_STREAM, receive } from './receive.ts';

const defaults: ReceiverConfig = config.parse({});

/**
 * The declared handler: a verified delivery and the instance's stored configuration (parsed here
 * with the connector's schema; the defaults when none is passed) to records of the `events` stream.
 */
export function handleDelivery(request: WebhookRequest, instanceConfig?: unknown): WebhookResult {
  return receive(request, instanceConfig === undefined ? defaults : config.parse(instanceConfig));
}

/**
 * The inbound webhook. Standard Webhooks is the default scheme; each instance may choose any scheme
 * the SDK offers for its inbound URL, and the engine verifies the call before `handle` sees it.
 */
export const receiverWebhook = defineWebhook({
  verification: { kind: 'standard-webhooks' },
  streams: [EVENTS_STREAM],
  handle: handleDelivery,
});
