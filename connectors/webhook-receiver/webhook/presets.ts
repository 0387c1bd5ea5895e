import type { ReceiverConfig } from '../config.ts';

/** The senders whose documented payload layout needs no settings. */
export type Sender = 'github' | 'standard-webhooks' | 'slack' | 'generic';

/** Where a sender puts a delivery's id, event type and time. */
export interface SenderPreset {
  /** A header carrying the delivery's unique id: records without an `id_field` take their id from it. */
  readonly deliveryHeader?: string;
  readonly eventTypeHeader?: string;
  readonly eventTypeField?: string;
  readonly idField?: string;
  readonly timeField?: string;
}

/**
 * What each sender documents:
 * - GitHub: `X-GitHub-Delivery` and `X-GitHub-Event` headers, an `action` field on most events
 *   (https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers).
 * - Standard Webhooks: the `webhook-id` header, and a payload of `type`, `timestamp` and `data`
 *   (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 * - Slack Events API: `X-Slack-Request-Timestamp`, and `event_id`, `event_time` (epoch seconds) and
 *   `event.type` in the envelope (https://api.slack.com/apis/events-api#callback-field).
 */
export const senderPresets: Readonly<Record<Sender, SenderPreset>> = {
  github: { deliveryHeader: 'x-github-delivery', eventTypeHeader: 'x-github-event', eventTypeField: 'action' },
  'standard-webhooks': { deliveryHeader: 'webhook-id', eventTypeField: 'type', timeField: 'timestamp' },
  slack: { idField: 'event_id', eventTypeField: 'event.type', timeField: 'event_time' },
  generic: {},
};

/** The sender a delivery's headers (lowercase names) identify. */
export function senderOf(headers: Readonly<Record<string, string>>): Sender {
  if (headers['x-github-event'] !== undefined) return 'github';
  if (headers['webhook-id'] !== undefined) return 'standard-webhooks';
  if (headers['x-slack-request-timestamp'] !== undefined) return 'slack';
  return 'generic';
}

/** Where to read each part of a delivery: the instance settings first, then the sender's preset. */
export interface PayloadLayout {
  readonly recordPath: string | undefined;
  readonly deliveryHeader: string | undefined;
  readonly idField: string | undefined;
  readonly timeField: string | undefined;
  readonly eventTypeField: string | undefined;
  readonly eventTypeHeader: string | undefined;
  readonly severityField: string | undefined;
}

export function payloadLayout(config: ReceiverConfig, sender: Sender): PayloadLayout {
  const preset = senderPresets[sender];
  return {
    recordPath: config.record_path,
    deliveryHeader: preset.deliveryHeader,
    idField: config.id_field ?? preset.idField,
    timeField: config.time_field ?? preset.timeField,
    eventTypeField: config.event_type_field ?? preset.eventTypeField,
    eventTypeHeader: (config.event_type_header ?? preset.eventTypeHeader)?.toLowerCase(),
    severityField: config.severity_field,
  };
}
