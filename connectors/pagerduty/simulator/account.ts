import type { Clock } from '@patchbay/types';
import type { PagerDutyReference } from '../mappers/incident-types.ts';
import { IdSource } from './ids.ts';
import { acknowledge, openIncident, pdTime, reopen, resolve, unacknowledge, type SimIncident } from './incident-states.ts';

export interface SimUser { readonly id: string; readonly name: string; readonly email: string }
export interface SimIntegration { readonly id: string; readonly type: string; readonly name: string; readonly integration_key: string }
export interface SimService {
  readonly id: string;
  readonly name: string;
  /** `severity_based`: dynamic notifications (critical and error page high, warning and info low). */
  readonly urgencyRule: 'severity_based' | 'high' | 'low';
  readonly escalationPolicy: PagerDutyReference;
  readonly teams: readonly PagerDutyReference[];
  readonly integrations: SimIntegration[];
  /** A disabled service (or one in maintenance) opens no incident for events. */
  status: 'active' | 'disabled' | 'maintenance';
}
export interface SimNote { readonly id: string; readonly content: string; readonly created_at: string; readonly user: PagerDutyReference; readonly channel: { readonly summary: string } }

/** What happened to an incident, for webhooks: a v3 event type, the incident after it, who did it. */
export interface IncidentChange {
  readonly eventType: string;
  readonly incident: SimIncident;
  readonly agent: PagerDutyReference;
  readonly note?: SimNote;
}

const ref = (type: string, id: string, summary: string, apiPath: string, api: string, web: string): PagerDutyReference => ({ id, type, summary, self: `${api}/${apiPath}/${id}`, html_url: `${web}/${apiPath}/${id}` });

/**
 * The state of one simulated PagerDuty account: users, priorities, a service with its escalation policy,
 * team and Events API v2 integration, incidents with their alerts (one per dedup key) and notes. Every
 * status change is stamped with the clock and reported to `onChange` listeners (webhooks).
 */
export class SimulatedAccount {
  readonly ids = new IdSource();
  readonly apiUrl = 'https://api.pagerduty.com';
  readonly webUrl = 'https://acme.pagerduty.com';
  readonly users: SimUser[];
  readonly services: SimService[] = [];
  /** The account's priorities, most severe first; empty when the account has none. */
  priorities: { id: string; name: string; description: string }[];
  readonly incidents = new Map<string, SimIncident>();
  readonly notes = new Map<string, SimNote[]>();
  readonly #listeners: ((change: IncidentChange) => void)[] = [];
  #numbers = 0;
  readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
    this.users = [
      { id: this.ids.next('P', 6), name: 'Earline Greenholt', email: 'earline@acme.example' },
      { id: this.ids.next('P', 6), name: 'Patchbay Bot', email: 'patchbay@acme.example' },
    ];
    this.priorities = ['P1', 'P2', 'P3', 'P4', 'P5'].map((name) => ({ id: this.ids.next('P', 6), name, description: `${name} incident` }));
    this.addService('Security Findings', 'severity_based');
  }

  addService(name: string, urgencyRule: SimService['urgencyRule']): SimService {
    const id = this.ids.next('P', 6);
    const integration = this.ids.next('P', 6);
    const service: SimService = {
      id,
      name,
      urgencyRule,
      escalationPolicy: ref('escalation_policy_reference', this.ids.next('P', 6), `${name} escalation`, 'escalation_policies', this.apiUrl, this.webUrl),
      teams: [ref('team_reference', this.ids.next('P', 6), 'Security', 'teams', this.apiUrl, this.webUrl)],
      integrations: [{ id: integration, type: 'events_api_v2_inbound_integration', name: 'Patchbay (Events API V2)', integration_key: this.ids.key(`${id}:${integration}`) }],
      status: 'active',
    };
    this.services.push(service);
    return service;
  }

  now(): string {
    return pdTime(this.clock.now().getTime());
  }

  onChange(listener: (change: IncidentChange) => void): void {
    this.#listeners.push(listener);
  }

  emit(change: IncidentChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  serviceRef(service: SimService): PagerDutyReference {
    return ref('service_reference', service.id, service.name, 'services', this.apiUrl, this.webUrl);
  }

  userRef(user: SimUser): PagerDutyReference {
    return ref('user_reference', user.id, user.name, 'users', this.apiUrl, this.webUrl);
  }

  userByEmail(email: string): SimUser | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  }

  serviceOf(incident: SimIncident): SimService {
    return this.services.find((s) => s.id === incident.service?.id) ?? this.services[0]!;
  }

  /** Opens an incident on a service at `at` (an event's trigger, or a seeded one). */
  open(service: SimService, title: string, dedupKey: string | null, severity: string, at = this.now()): SimIncident {
    const urgency = service.urgencyRule === 'severity_based' ? (severity === 'critical' || severity === 'error' ? 'high' : 'low') : service.urgencyRule;
    const incident = openIncident({ id: this.ids.next('Q', 13), number: ++this.#numbers, title, dedupKey, at, urgency, service: this.serviceRef(service), escalationPolicy: service.escalationPolicy, teams: service.teams, onCall: this.userRef(this.users[0]!), apiUrl: this.apiUrl, webUrl: this.webUrl });
    this.incidents.set(incident.id, incident);
    this.emit({ eventType: 'incident.triggered', incident, agent: this.serviceRef(service) });
    return incident;
  }

  /** The incident whose open alert carries the dedup key on the service (PagerDuty's dedup rule). */
  openAlert(service: SimService, dedupKey: string): SimIncident | undefined {
    return [...this.incidents.values()].find((i) => i.service?.id === service.id && i.incident_key === dedupKey && (i.alert_counts?.triggered ?? 0) > 0);
  }

  /** Moves an incident as `agent` did; false when it was already there (nothing happens, nothing is sent). */
  move(incident: SimIncident, to: 'acknowledged' | 'resolved' | 'triggered', agent: PagerDutyReference, at = this.now()): boolean {
    const before = incident.status;
    const moved =
      to === 'acknowledged' ? acknowledge(incident, at, agent)
      : to === 'resolved' ? resolve(incident, at, agent)
      : before === 'resolved' ? reopen(incident, at, agent, this.userRef(this.users[0]!))
      : unacknowledge(incident, at, agent);
    if (moved) this.emit({ eventType: to === 'triggered' ? (before === 'resolved' ? 'incident.reopened' : 'incident.unacknowledged') : `incident.${to}`, incident, agent });
    return moved;
  }

  addNote(incident: SimIncident, content: string, user: SimUser): SimNote {
    const note: SimNote = { id: this.ids.next('P', 6), content, created_at: this.now(), user: this.userRef(user), channel: { summary: 'The PagerDuty website or APIs' } };
    this.notes.set(incident.id, [...(this.notes.get(incident.id) ?? []), note]);
    this.emit({ eventType: 'incident.annotated', incident, agent: this.userRef(user), note });
    return note;
  }

  /** Every incident in creation order (ties by id), as the REST API lists them. */
  sorted(): SimIncident[] {
    return [...this.incidents.values()].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }
}
