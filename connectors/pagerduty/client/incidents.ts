import type { ConnectorContext, PlannedRequest } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import type { PagerDutyIncident, PagerDutyReference } from '../mappers/incident-types.ts';
import { fromHeader, rest, restRequest } from './rest.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/** GET /incidents/{id} (https://developer.pagerduty.com/api-reference/005299ed43553-get-an-incident). */
export async function getIncident(ctx: Ctx, id: string): Promise<PagerDutyIncident> {
  return (await rest<{ incident: PagerDutyIncident }>(ctx, { method: 'GET', url: incidentPath(id), operation: 'get-incident' }, `incident ${id}`)).body.incident;
}

/**
 * The incident a dedup key opened: GET /incidents?incident_key=... over all dates
 * (https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents: "querying by incident key
 * will return incidents whose alerts have alert_key matching"), on the configured service. A resolved
 * incident's key can open a new one, so an open incident wins, then the most recent.
 */
export async function findIncidentByKey(ctx: Ctx, dedupKey: string): Promise<PagerDutyIncident | undefined> {
  const service = ctx.config.service_id;
  const query = { incident_key: dedupKey, date_range: 'all', time_zone: 'UTC', limit: 100, ...(service ? { 'service_ids[]': [service] } : {}) };
  const { incidents } = (await rest<{ incidents: PagerDutyIncident[] }>(ctx, { method: 'GET', url: '/incidents', query, operation: 'find-incident' }, 'incident listing')).body;
  const sorted = [...incidents].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  return sorted.find((i) => i.status !== 'resolved') ?? sorted[0];
}

/** The PUT /incidents/{id} request (https://developer.pagerduty.com/api-reference/8a0e1aa2ec666-update-an-incident). */
export function updateRequest(config: PagerDutyConfig, id: string, changes: Readonly<Record<string, unknown>>): PlannedRequest {
  return restRequest({ method: 'PUT', url: incidentPath(id), from: fromHeader(config, 'Updating an incident').from, body: { incident: { type: 'incident_reference', ...changes } }, operation: 'update-incident', retry: false });
}

/** Applies changes to an incident (status reopen, priority, urgency, title) as the From user. */
export async function updateIncident(ctx: Ctx, id: string, changes: Readonly<Record<string, unknown>>): Promise<PagerDutyIncident> {
  return (await rest<{ incident: PagerDutyIncident }>(ctx, updateRequest(ctx.config, id, changes), `the update of incident ${id}`)).body.incident;
}

/** The POST /incidents/{id}/notes request (https://developer.pagerduty.com/api-reference/3df2b685a0dbc-create-a-note-on-an-incident). */
export function noteRequest(config: PagerDutyConfig, id: string, content: string): PlannedRequest {
  // Sent once: a retried POST would add the note twice.
  return restRequest({ method: 'POST', url: `${incidentPath(id)}/notes`, from: fromHeader(config, 'Adding a note').from, body: { note: { content } }, operation: 'add-incident-note', retry: false });
}

export interface IncidentNote {
  readonly id: string;
  readonly content: string;
  readonly created_at?: string;
  readonly user?: PagerDutyReference;
}

export async function addNote(ctx: Ctx, id: string, content: string): Promise<IncidentNote> {
  return (await rest<{ note: IncidentNote }>(ctx, noteRequest(ctx.config, id, content), `a note on incident ${id}`)).body.note;
}
