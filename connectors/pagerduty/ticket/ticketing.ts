import { defineTicketing } from '@patchbay/sdk';
import { getIncident } from '../client/incidents.ts';
import type { PagerDutyConfig } from '../config.ts';
import { createTicket } from './create.ts';
import { TICKET_FIELDS } from './fields.ts';
import { ticketStateOf } from './state.ts';
import { updateTicket } from './update.ts';
import { PAGERDUTY_STATUSES } from './statuses.ts';

/**
 * Tickets are PagerDuty incidents: opened through the Events API v2 with the draft's dedup key (so one
 * finding keeps one incident), followed through the REST API and the `incidents` stream, whose records
 * carry PagerDuty's status in `status_code` (mappers/incident.ts).
 */
export const pagerDutyTicketing = defineTicketing<PagerDutyConfig>({
  noun: 'incident',
  stream: 'incidents',
  statusOf: (record) => (typeof record.status_code === 'string' ? record.status_code : null),
  statuses: PAGERDUTY_STATUSES,
  fields: TICKET_FIELDS,
  create: createTicket,
  update: updateTicket,
  get: async (ctx, key) => ticketStateOf(await getIncident(ctx, key)),
});
