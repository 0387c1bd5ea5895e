import { defineWebhook, type WebhookRequest, type WebhookResult } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { incidentOfEvent, type WebhookEvent, type WebhookIncidentData } from './webhook-incident.ts';

function isIncidentEvent(event: unknown): event is WebhookEvent & { data: WebhookIncidentData } {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<WebhookEvent>;
  const data = e.data as Partial<WebhookIncidentData> | undefined;
  return e.resource_type === 'incident' && typeof e.occurred_at === 'string' && typeof data === 'object' && data !== null && data.type === 'incident' && typeof data.id === 'string' && typeof data.status === 'string' && typeof data.created_at === 'string';
}

/**
 * A verified v3 webhook delivery: one event per payload (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/02-Behavior.md).
 * Incident events whose data is the incident (triggered, acknowledged, unacknowledged, resolved, reopened,
 * priority_updated, escalated, reassigned, delegated) become a record of `incidents`, keyed by the incident
 * id, so the ticket engine sees the status at once and a redelivery updates the same record. Notes,
 * responder and status-update events, service events and pings carry no incident state: nothing is stored.
 */
export function handleDelivery(request: WebhookRequest): WebhookResult {
  const event = (request.body as { event?: unknown } | null)?.event;
  if (!isIncidentEvent(event)) return {};
  return { records: [{ stream: 'incidents', records: [incidentOfEvent(event)] }] };
}

/**
 * PagerDuty v3 webhooks (a webhook subscription on the service or account): signed with the
 * subscription's secret, which PagerDuty shows once when the subscription is created, as
 * `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>` (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/04-Signatures.md).
 */
export const incidentWebhook = defineWebhook<PagerDutyConfig>({
  verification: { kind: 'hmac-sha256', header: 'x-pagerduty-signature', encoding: 'hex', prefix: 'v1=' },
  secretSource: 'vendor',
  streams: ['incidents'],
  handle: (request) => handleDelivery(request),
});
