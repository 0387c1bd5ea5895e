import type { TicketStatus } from '@patchbay/sdk';
import type { IncidentStatus } from '../mappers/incident-types.ts';

/**
 * PagerDuty incident status → Patchbay status (the connector's status table; an instance may override it).
 * https://developer.pagerduty.com/api-reference/a47605517c19a-api-concepts#incidents
 */
export const PAGERDUTY_STATUSES = { triggered: 'open', acknowledged: 'in_progress', resolved: 'resolved' } as const satisfies Readonly<Record<IncidentStatus, TicketStatus>>;

/**
 * Patchbay status → the PagerDuty status a move asks for. PagerDuty has no hold: `on_hold` acknowledges
 * (escalation stops while someone holds the incident), and `closed` resolves like `resolved`.
 */
export const STATUS_MOVES: Readonly<Record<TicketStatus, IncidentStatus>> = {
  open: 'triggered',
  in_progress: 'acknowledged',
  on_hold: 'acknowledged',
  resolved: 'resolved',
  closed: 'resolved',
};
