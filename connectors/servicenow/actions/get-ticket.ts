import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { displayOf, valueOf } from '../table-record.ts';
import { resolveIncident } from '../tickets/incident-api.ts';
import { ticketStateOf } from '../tickets/ticket-state.ts';
import { incidentReference } from './incident-reference.ts';

const input = z.object({ incident: incidentReference });
const output = z.object({
  sys_id: z.string(),
  number: z.string(),
  url: z.string(),
  status: z.string().describe('New, In Progress, On Hold, Resolved, Closed, Canceled (or the label of a state the instance added)'),
  priority: z.string().describe('The priority ServiceNow computed, like "2 - High"'),
  short_description: z.string(),
  assignment_group: z.string().describe('The assignment group\'s name, or empty'),
  updated_at: z.string().describe('sys_updated_on, UTC (yyyy-MM-dd HH:mm:ss)'),
});

/** GET /api/now/table/incident/{sys_id} (or by number): https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html */
export const getTicket = defineAction<typeof input, typeof output, ServiceNowConfig>({
  name: 'get-ticket',
  title: 'Look up incident',
  description: 'Reads a ServiceNow incident by sys_id or number: state, priority, assignment group and link.',
  input,
  output,
  readOnly: true,
  impact: 'low',
  category: 'ticket',
  permissions: ['itil'],
  async run(ctx, args) {
    const record = await resolveIncident(ctx, args.incident);
    const state = ticketStateOf(ctx.config, record);
    return {
      sys_id: state.key,
      number: valueOf(record, 'number') ?? '',
      url: state.url,
      status: state.status,
      priority: displayOf(record, 'priority') ?? '',
      short_description: valueOf(record, 'short_description') ?? '',
      assignment_group: displayOf(record, 'assignment_group') ?? '',
      updated_at: valueOf(record, 'sys_updated_on') ?? '',
    };
  },
});
