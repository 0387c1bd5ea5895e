import { defineConnector } from '@patchbay/sdk';
import { config } from './config.ts';
import { events } from './streams/events.ts';
import { receiverWebhook } from './webhook/receiver-webhook.ts';

export { config, type ReceiverConfig } from './config.ts';

export default defineConnector({
  id: 'webhook-receiver',
  name: 'Webhook receiver',
  vendor: 'Patchbay',
  category: 'other',
  version: '0.1.0',
  description:
    'Receives JSON events that any product posts to the instance URL, verified with the signature scheme the sender supports, and stores each record as an OCSF Base Event.',
  features: [
    'Standard Webhooks, GitHub, HMAC-SHA256, Slack, shared-token or IP allow-list verification, per instance',
    'One record per object, or per array element at a configurable path',
    'Ids, times, event types and severities read from configurable fields',
    'The whole payload kept under unmapped',
  ],
  icon: '📥',
  docsUrl: 'https://www.standardwebhooks.com/',
  config,
  auth: [],
  capabilities: ['ingest', 'webhook'],
  streams: [events],
  webhook: receiverWebhook,
  // The connector calls nothing; the SDK wants one allowed host, and `.invalid` never resolves (RFC 6761).
  allowedHosts: ['webhook-receiver.invalid'],
  minPlatformVersion: '0.1.0',
});
