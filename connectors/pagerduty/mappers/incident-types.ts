/**
 * PagerDuty's REST API incident (https://developer.pagerduty.com/api-reference/005299ed7f8d2-get-an-incident,
 * schema `Incident` of REST.openapiv3.json): the raw record of the `incidents` stream. Only the fields the
 * connector reads are typed; every other field is kept as it came.
 */
export interface PagerDutyReference {
  readonly id: string;
  readonly type: string;
  readonly summary?: string | null;
  readonly self?: string | null;
  readonly html_url?: string | null;
}

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PagerDutyIncident {
  readonly id: string;
  readonly type?: string;
  readonly summary?: string | null;
  readonly self?: string | null;
  readonly html_url?: string | null;
  readonly incident_number?: number;
  readonly title?: string;
  readonly description?: string;
  readonly created_at: string;
  readonly updated_at?: string;
  readonly status: IncidentStatus | string;
  readonly incident_key?: string | null;
  readonly service?: PagerDutyReference;
  readonly assignments?: readonly { readonly at?: string; readonly assignee: PagerDutyReference }[];
  readonly acknowledgements?: readonly { readonly at?: string; readonly acknowledger: PagerDutyReference }[];
  readonly last_status_change_at?: string;
  readonly last_status_change_by?: PagerDutyReference;
  readonly resolved_at?: string | null;
  readonly escalation_policy?: PagerDutyReference;
  readonly teams?: readonly PagerDutyReference[];
  readonly priority?: PagerDutyReference | null;
  readonly urgency?: 'high' | 'low' | string;
  readonly alert_counts?: { readonly all?: number; readonly triggered?: number; readonly resolved?: number };
  readonly [field: string]: unknown;
}

/** The instant of an incident's last status change: PagerDuty documents last_status_change_at, else updated_at, else created_at. */
export function statusChangedAt(incident: Pick<PagerDutyIncident, 'last_status_change_at' | 'updated_at' | 'created_at'>): string {
  return incident.last_status_change_at ?? incident.updated_at ?? incident.created_at;
}
