import type { TicketStatus } from '@patchbay/sdk';

/**
 * The incident State choices of a base instance (incident.state; Incident state model,
 * https://docs.servicenow.com/bundle/london-it-service-management/page/product/incident-management/concept/c_IncidentManagementStateModel.html):
 * the value ServiceNow stores → the state's name. Instances may add states: those are named by their
 * display value.
 */
export const INCIDENT_STATES: Readonly<Record<string, string>> = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};

/**
 * ServiceNow state → Patchbay status: the ticket declaration's status table. Canceled maps to `closed`:
 * ServiceNow ends a canceled incident (it is read-only like a closed one and no one works it any more), so
 * keeping it `open` would run its SLA forever; the engine resolves the linked findings on it as on any
 * closed ticket, and an instance that wants otherwise overrides this entry in its status table.
 */
export const STATUS_TABLE: Readonly<Record<string, TicketStatus>> = {
  New: 'open',
  'In Progress': 'in_progress',
  'On Hold': 'on_hold',
  Resolved: 'resolved',
  Closed: 'closed',
  Canceled: 'closed',
};

/** Patchbay status → the state value Patchbay sets (a reopened incident goes back to New). */
export const STATE_FOR_STATUS: Readonly<Record<TicketStatus, string>> = {
  open: '1',
  in_progress: '2',
  on_hold: '3',
  resolved: '6',
  closed: '7',
};

/** States in which the base instance keeps an incident read-only (write ACLs): nothing more is written to it. */
export const READ_ONLY_STATES: ReadonlySet<string> = new Set(['7', '8']);

/** States that need a resolution code and notes (data policy "Make close info mandatory when resolved or closed"). */
export const CLOSING_STATES: ReadonlySet<string> = new Set(['6', '7']);

/** The name of a state: the base instance's name for its values, else the display value, else the value. */
export function stateName(value: string | undefined, display: string | undefined): string | undefined {
  if (value === undefined) return display;
  return INCIDENT_STATES[value] ?? display ?? value;
}
