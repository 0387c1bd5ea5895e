import type { PagerDutyIncident, PagerDutyReference } from '../mappers/incident-types.ts';

/** A simulated incident: the REST API's incident object, changed in place by the account. */
export type SimIncident = { -readonly [K in keyof PagerDutyIncident]: PagerDutyIncident[K] } & { [field: string]: unknown };

/** PagerDuty times are ISO 8601 in UTC to the second ("2015-10-06T21:30:42Z"). */
export const pdTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export interface OpenOptions {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly dedupKey: string | null;
  readonly at: string;
  readonly urgency: 'high' | 'low';
  readonly service: PagerDutyReference;
  readonly escalationPolicy: PagerDutyReference;
  readonly teams: readonly PagerDutyReference[];
  readonly onCall: PagerDutyReference;
  readonly apiUrl: string;
  readonly webUrl: string;
}

/**
 * A newly triggered incident, shaped like the example of GET /incidents/{id} in PagerDuty's REST API
 * description: assigned to the escalation policy's on-call user, one triggered alert, no priority.
 * Fields PagerDuty leaves out rather than null (resolved_at, priority) are absent until they have a value.
 */
export function openIncident(o: OpenOptions): SimIncident {
  return {
    id: o.id,
    type: 'incident',
    summary: `[#${o.number}] ${o.title}`,
    self: `${o.apiUrl}/incidents/${o.id}`,
    html_url: `${o.webUrl}/incidents/${o.id}`,
    incident_number: o.number,
    title: o.title,
    created_at: o.at,
    updated_at: o.at,
    status: 'triggered',
    ...(o.dedupKey !== null ? { incident_key: o.dedupKey } : {}),
    service: o.service,
    assignments: [{ at: o.at, assignee: o.onCall }],
    assigned_via: 'escalation_policy',
    last_status_change_at: o.at,
    alert_counts: { all: o.dedupKey !== null ? 1 : 0, triggered: o.dedupKey !== null ? 1 : 0, resolved: 0 },
    is_mergeable: true,
    incident_type: { name: 'incident_default' },
    escalation_policy: o.escalationPolicy,
    teams: [...o.teams],
    pending_actions: [],
    acknowledgements: [],
    urgency: o.urgency,
  };
}

function stamp(incident: SimIncident, at: string, by: PagerDutyReference): void {
  incident.updated_at = at;
  incident.last_status_change_at = at;
  incident.last_status_change_by = by;
}

/** triggered → acknowledged: escalation stops; the acknowledger is recorded. */
export function acknowledge(incident: SimIncident, at: string, by: PagerDutyReference): boolean {
  if (incident.status !== 'triggered') return false;
  incident.status = 'acknowledged';
  incident.acknowledgements = [{ at, acknowledger: by }];
  stamp(incident, at, by);
  return true;
}

/** acknowledged → triggered (the acknowledgement timed out): assigned again by the escalation policy. */
export function unacknowledge(incident: SimIncident, at: string, by: PagerDutyReference): boolean {
  if (incident.status !== 'acknowledged') return false;
  incident.status = 'triggered';
  incident.acknowledgements = [];
  stamp(incident, at, by);
  return true;
}

/** → resolved: assignments and acknowledgements are emptied (as the REST API documents) and every alert resolves. */
export function resolve(incident: SimIncident, at: string, by: PagerDutyReference): boolean {
  if (incident.status === 'resolved') return false;
  incident.status = 'resolved';
  incident.resolved_at = at;
  incident.assignments = [];
  incident.acknowledgements = [];
  const all = incident.alert_counts?.all ?? 0;
  incident.alert_counts = { all, triggered: 0, resolved: all };
  stamp(incident, at, by);
  return true;
}

/**
 * resolved → triggered through the REST API ("setting the status to triggered ... will reopen it"): the
 * escalation policy assigns it again. Its alerts stay resolved (alert_counts.triggered 0), so the Events
 * API no longer reaches it by its dedup key: a new trigger opens another incident.
 */
export function reopen(incident: SimIncident, at: string, by: PagerDutyReference, onCall: PagerDutyReference): boolean {
  if (incident.status !== 'resolved') return false;
  incident.status = 'triggered';
  delete incident.resolved_at;
  incident.assignments = [{ at, assignee: onCall }];
  stamp(incident, at, by);
  return true;
}
