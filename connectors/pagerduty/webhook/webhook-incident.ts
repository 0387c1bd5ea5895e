import type { PagerDutyIncident, PagerDutyReference } from '../mappers/incident-types.ts';

/** The `incident` data of a v3 webhook event (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md, "Event Data Types"). */
export interface WebhookIncidentData {
  readonly id: string;
  readonly type: 'incident';
  readonly self?: string;
  readonly html_url?: string;
  readonly number?: number;
  readonly status: string;
  readonly incident_key?: string | null;
  readonly created_at: string;
  readonly title?: string;
  readonly service?: PagerDutyReference;
  readonly assignees?: readonly PagerDutyReference[];
  readonly escalation_policy?: PagerDutyReference;
  readonly teams?: readonly PagerDutyReference[];
  readonly priority?: PagerDutyReference | null;
  readonly urgency?: string;
  readonly [field: string]: unknown;
}

export interface WebhookEvent {
  readonly id: string;
  readonly event_type: string;
  readonly resource_type: string;
  readonly occurred_at: string;
  readonly agent?: PagerDutyReference | null;
  readonly data: unknown;
}

/** The event types that change an incident's status: their occurred_at is the incident's last status change. */
const STATUS_EVENTS = new Set(['incident.triggered', 'incident.acknowledged', 'incident.unacknowledged', 'incident.resolved', 'incident.reopened']);

/**
 * The incident of a webhook event in the REST API's shape, so that it is a record of the `incidents`
 * stream like a polled one: `number` becomes incident_number, each assignee an assignment, and the event's
 * time the incident's update (and, for status events, its last status change and resolution) time. The
 * event id, type and agent are kept under `webhook_event`.
 */
export function incidentOfEvent(event: WebhookEvent & { readonly data: WebhookIncidentData }): PagerDutyIncident {
  const { number, assignees, ...data } = event.data;
  const statusEvent = STATUS_EVENTS.has(event.event_type);
  return {
    ...data,
    ...(typeof number === 'number' ? { incident_number: number } : {}),
    assignments: (assignees ?? []).map((assignee) => ({ assignee })),
    updated_at: event.occurred_at,
    ...(statusEvent ? { last_status_change_at: event.occurred_at } : {}),
    ...(statusEvent && data.status === 'resolved' ? { resolved_at: event.occurred_at } : {}),
    webhook_event: { id: event.id, event_type: event.event_type, ...(event.agent ? { agent: event.agent } : {}) },
  };
}
