import { ticketStatusOf, type TicketStatus } from '@patchbay/sdk';

/**
 * Jira status name → Patchbay status: the statuses of Jira's built-in workflows (Jira Software's To Do /
 * In Progress / Done, the classic Open / In Progress / Resolved / Reopened / Closed, and common additions).
 * An instance adds its own workflow's names in its `statuses` setting; a status in neither is placed by
 * its Jira status category (https://support.atlassian.com/jira-cloud-administration/docs/what-are-issue-statuses-priorities-and-resolutions/).
 */
export const JIRA_STATUSES: Readonly<Record<string, TicketStatus>> = {
  'To Do': 'open',
  Open: 'open',
  Backlog: 'open',
  'Selected for Development': 'open',
  Reopened: 'open',
  'In Progress': 'in_progress',
  'In Review': 'in_progress',
  'Under Review': 'in_progress',
  Blocked: 'on_hold',
  'On Hold': 'on_hold',
  Waiting: 'on_hold',
  Done: 'resolved',
  Resolved: 'resolved',
  Closed: 'closed',
  "Won't Do": 'closed',
  Cancelled: 'closed',
};

/** Jira's status categories (new, indeterminate, done) as Patchbay statuses. */
const BY_CATEGORY: Readonly<Record<string, TicketStatus>> = { new: 'open', indeterminate: 'in_progress', done: 'resolved' };

/** The Patchbay status of a Jira status: the table (exact, then case-insensitive), else its category, else open. */
export function patchbayStatus(name: string | undefined, categoryKey: string | undefined, table: Readonly<Record<string, TicketStatus>> = JIRA_STATUSES): TicketStatus {
  if (name !== undefined) {
    const known = ticketStatusOf(table, name);
    if (known.known) return known.status;
  }
  return (categoryKey !== undefined ? BY_CATEGORY[categoryKey] : undefined) ?? 'open';
}

/** OCSF Incident Finding status_id: 1 New, 2 In Progress, 3 On Hold, 4 Resolved, 5 Closed. */
export const FINDING_STATUS_ID: Readonly<Record<TicketStatus, number>> = { open: 1, in_progress: 2, on_hold: 3, resolved: 4, closed: 5 };

/** OCSF ticket status_id: 1 New, 2 In Progress, 4 On Hold, 5 Resolved, 6 Closed. */
export const TICKET_STATUS_ID: Readonly<Record<TicketStatus, number>> = { open: 1, in_progress: 2, on_hold: 4, resolved: 5, closed: 6 };
