import { defineTicketing, type TicketFieldDeclaration } from '@patchbay/sdk';
import type { ServiceNowConfig } from '../config.ts';
import { STATUS_TABLE } from '../incident-states.ts';
import { valueOf } from '../table-record.ts';
import { updateBody } from './incident-body.ts';
import { getIncident, patchIncident } from './incident-api.ts';
import { openIncident } from './open-incident.ts';
import { ticketStateOf } from './ticket-state.ts';

const reference = (title: string, table: string): TicketFieldDeclaration => ({ title, type: 'string', description: `A sys_id of ${table} (or its display value with input_display_value on)` });

/** Incident fields a ticket field mapping typically fills (any other incident field may be mapped too). */
const FIELDS: Readonly<Record<string, TicketFieldDeclaration>> = {
  assignment_group: reference('Assignment group', 'sys_user_group'),
  assigned_to: reference('Assigned to', 'sys_user'),
  caller_id: reference('Caller', 'sys_user'),
  cmdb_ci: reference('Configuration item', 'cmdb_ci'),
  business_service: reference('Service', 'cmdb_ci_service'),
  company: reference('Company', 'core_company'),
  location: reference('Location', 'cmn_location'),
  category: { title: 'Category', type: 'string', description: 'A category choice value, like software or network' },
  subcategory: { title: 'Subcategory', type: 'string' },
  contact_type: { title: 'Channel', type: 'string', description: 'contact_type choice value, like monitoring or self-service' },
  impact: { title: 'Impact (overrides the priority table)', type: 'string', description: '1 High, 2 Medium, 3 Low' },
  urgency: { title: 'Urgency (overrides the priority table)', type: 'string', description: '1 High, 2 Medium, 3 Low' },
};

/**
 * Incidents as tickets: the incidents stream carries them (polling; ServiceNow sends no webhooks for the
 * Table API), their key is the sys_id, their status the state name. `create` looks the dedup key up as
 * correlation_id first, so a retry finds the incident it opened.
 */
export const servicenowTicketing = defineTicketing<ServiceNowConfig>({
  noun: 'incident',
  stream: 'incidents',
  statusOf: (record) => (typeof record.status === 'string' ? record.status : null),
  statuses: STATUS_TABLE,
  fields: FIELDS,
  async create(ctx, draft) {
    return ticketStateOf(ctx.config, (await openIncident(ctx, draft)).record);
  },
  async update(ctx, key, change) {
    const current = await getIncident(ctx, key);
    const body = updateBody(ctx.config, current, change);
    if (Object.keys(body).length === 0) return ticketStateOf(ctx.config, current);
    const journal = body[ctx.config.comment_field] !== undefined;
    return ticketStateOf(ctx.config, await patchIncident(ctx, valueOf(current, 'sys_id') ?? key, body, !journal));
  },
  async get(ctx, key) {
    return ticketStateOf(ctx.config, await getIncident(ctx, key));
  },
});
