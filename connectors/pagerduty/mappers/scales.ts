/**
 * PagerDuty's scales as OCSF enums. An incident has no severity of its own: it has an urgency, `high` or
 * `low` (https://support.pagerduty.com/docs/dynamic-notifications), which decides whether responders
 * are paged at once; and, on accounts with priorities, a priority named by the account (P1, the most
 * urgent, to P5 by default: https://support.pagerduty.com/docs/incident-priority).
 */

/** Urgency high pages at once (High), low waits for working hours (Low); anything else is Other with the value kept. */
export function severityOf(urgency: unknown): { severity_id: number; severity: string } {
  if (urgency === 'high') return { severity_id: 4, severity: 'High' };
  if (urgency === 'low') return { severity_id: 2, severity: 'Low' };
  return { severity_id: 99, severity: typeof urgency === 'string' && urgency !== '' ? urgency : 'Unknown' };
}

const PRIORITIES: Readonly<Record<string, number>> = { P1: 4, P2: 3, P3: 2, P4: 1, P5: 1 };
const PRIORITY_CAPTIONS = ['Unknown', 'Low', 'Medium', 'High', 'Critical'] as const;

/** The default priority names P1..P5 on OCSF's scale (P1 Critical .. P4 and P5 Low); account-defined names are Other. */
export function priorityOf(name: string | null | undefined): { priority_id: number; priority: string } | undefined {
  if (name === null || name === undefined || name === '') return undefined;
  const id = PRIORITIES[name.toUpperCase()];
  return id === undefined ? { priority_id: 99, priority: name } : { priority_id: id, priority: PRIORITY_CAPTIONS[id]! };
}

/** Incident statuses (https://developer.pagerduty.com/api-reference/a47605517c19a-api-concepts#incidents): triggered is New, acknowledged In Progress. */
const STATUSES: Readonly<Record<string, readonly [number, string]>> = {
  triggered: [1, 'New'],
  acknowledged: [2, 'In Progress'],
  resolved: [4, 'Resolved'],
};

/** OCSF status_id and status; an unknown status is Other (99) with PagerDuty's name as the status. */
export function statusOf(status: string): { status_id: number; status: string } {
  const known = STATUSES[status];
  return known ? { status_id: known[0], status: known[1] } : { status_id: 99, status };
}
