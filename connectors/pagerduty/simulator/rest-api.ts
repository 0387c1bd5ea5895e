import type { SimService, SimulatedAccount, SimUser } from './account.ts';
import { invalidInput, notFound, ok, restError, type Answer } from './answers.ts';
import { listIncidents } from './incident-listing.ts';
import type { SimIncident } from './incident-states.ts';

export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly from: string | undefined;
  readonly body: unknown;
  readonly nowMs: number;
}

/** Writes need a From header naming a user of the account (error codes 2011, 1008). */
function requester(account: SimulatedAccount, from: string | undefined): SimUser | Answer {
  if (!from) return restError(400, 2011, 'You must specify a requester_id to perform this action');
  return account.userByEmail(from) ?? restError(400, 1008, 'Requester User Not Found');
}

function incidentOf(account: SimulatedAccount, id: string): SimIncident | undefined {
  return account.incidents.get(id) ?? [...account.incidents.values()].find((i) => String(i.incident_number) === id);
}

/**
 * PUT /incidents/{id} (https://developer.pagerduty.com/api-reference/8a0e1aa2ec666-update-an-incident):
 * status (acknowledged, resolved; triggered reopens a resolved incident), priority (a reference or a
 * name), urgency, title.
 */
function updateIncident(account: SimulatedAccount, incident: SimIncident, body: unknown, user: SimUser): Answer {
  const changes = (body as { incident?: Record<string, unknown> } | null)?.incident;
  if (typeof changes !== 'object' || changes === null) return invalidInput('incident is required');
  const { status, priority, urgency, title } = changes;
  if (status !== undefined && status !== 'acknowledged' && status !== 'resolved' && status !== 'triggered') return restError(400, 1003, 'Invalid Status Provided');
  if (urgency !== undefined && urgency !== 'high' && urgency !== 'low') return invalidInput('urgency must be high or low');
  let chosen: (typeof account.priorities)[number] | undefined;
  if (priority !== undefined && priority !== null) {
    const wanted = typeof priority === 'string' ? { name: priority } : (priority as { id?: string; name?: string });
    chosen = account.priorities.find((p) => p.id === wanted.id || (wanted.id === undefined && p.name === wanted.name));
    if (!chosen) return restError(400, 1020, 'Invalid Priority');
  }
  const at = account.now();
  if (chosen) {
    incident.priority = { id: chosen.id, type: 'priority_reference', summary: chosen.name, self: `${account.apiUrl}/priorities/${chosen.id}` };
    account.emit({ eventType: 'incident.priority_updated', incident, agent: account.userRef(user) });
  }
  if (urgency !== undefined) incident.urgency = urgency;
  if (typeof title === 'string' && title !== '') incident.title = title;
  if (chosen || urgency !== undefined || title !== undefined) incident.updated_at = at;
  if (status !== undefined) {
    if (status === 'acknowledged' && incident.status === 'resolved') account.move(incident, 'triggered', account.userRef(user));
    account.move(incident, status, account.userRef(user));
  }
  return ok({ incident });
}

/**
 * GET /services/{id} (operation getService): the service with its integrations as references, as the REST
 * description defines them (IntegrationReference, `*_reference` types) with or without include[]=integrations;
 * the key of an integration is read from GET /services/{id}/integrations/{integration_id}.
 */
function serviceJson(account: SimulatedAccount, service: SimService) {
  const integrations = service.integrations.map((i) => ({ id: i.id, type: `${i.type}_reference`, summary: i.name, self: `${account.apiUrl}/services/${service.id}/integrations/${i.id}`, html_url: `${account.webUrl}/services/${service.id}/integrations/${i.id}` }));
  return { ...account.serviceRef(service), type: 'service', name: service.name, status: service.status, alert_creation: 'create_alerts_and_incidents', escalation_policy: service.escalationPolicy, teams: service.teams, integrations };
}

/** Routes one authenticated REST request of the simulated account (writes already checked for permission). */
export function serveRest(account: SimulatedAccount, request: RestRequest): Answer {
  const { method, query } = request;
  const parts = request.path.split('/').slice(1).map(decodeURIComponent);
  if (method === 'GET' && request.path === '/abilities') return ok({ abilities: ['teams', 'urgencies', 'read_only_users', ...(account.priorities.length > 0 ? ['incident_priority'] : [])] });
  if (method === 'GET' && request.path === '/incidents') return listIncidents(account, query, request.nowMs);
  if (method === 'GET' && request.path === '/priorities') return ok({ priorities: account.priorities.map((p) => ({ ...p, type: 'priority', summary: p.name, self: `${account.apiUrl}/priorities/${p.id}` })), limit: 100, offset: 0, more: false, total: null });
  if (parts[0] === 'services' && parts.length >= 2) {
    const service = account.services.find((s) => s.id === parts[1]);
    if (!service) return notFound();
    if (method === 'GET' && parts.length === 2) return ok({ service: serviceJson(account, service) });
    const integration = parts[2] === 'integrations' && parts.length === 4 ? service.integrations.find((i) => i.id === parts[3]) : undefined;
    if (method === 'GET' && integration) return ok({ integration: { ...integration, summary: integration.name, self: `${account.apiUrl}/services/${service.id}/integrations/${integration.id}`, html_url: `${account.webUrl}/services/${service.id}/integrations/${integration.id}`, service: account.serviceRef(service), created_at: '2026-01-05T09:00:00Z' } });
    return notFound();
  }
  if (parts[0] === 'incidents' && parts.length >= 2) {
    const incident = incidentOf(account, parts[1]!);
    if (!incident) return notFound();
    if (method === 'GET' && parts.length === 2) return ok({ incident });
    if (method === 'GET' && parts[2] === 'notes' && parts.length === 3) return ok({ notes: account.notes.get(incident.id) ?? [] });
    if ((method === 'PUT' && parts.length === 2) || (method === 'POST' && parts[2] === 'notes' && parts.length === 3)) {
      const user = requester(account, request.from);
      if ('status' in user) return user;
      if (method === 'PUT') return updateIncident(account, incident, request.body, user);
      const content = (request.body as { note?: { content?: unknown } } | null)?.note?.content;
      if (typeof content !== 'string' || content.trim() === '') return invalidInput('Note content is required');
      if ((account.notes.get(incident.id) ?? []).length >= 2000) return restError(400, 2019, 'Product Limit Reached');
      return ok({ note: account.addNote(incident, content, user) });
    }
  }
  return notFound();
}
