import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { sysIdOf, valueOf } from '../table-record.ts';
import { patchIncident, resolveIncident } from '../tickets/incident-api.ts';
import { ticketStateOf } from '../tickets/ticket-state.ts';
import { assertWritable, incidentOutput, incidentReference, lookupRequest, plannedPatch } from './incident-reference.ts';

const input = z.object({
  incident: incidentReference,
  comment: z.string().min(1).max(32_000).describe('The text of the journal entry'),
  field: z.enum(['work_notes', 'comments']).optional().describe('work_notes (internal) or comments (visible to the caller); default: the instance\'s comment_field'),
});

/** PATCH /api/now/table/incident/{sys_id} with a journal field: https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html */
export const addComment = defineAction<typeof input, typeof incidentOutput, ServiceNowConfig>({
  name: 'add-comment',
  title: 'Comment on incident',
  description: 'Adds a work note (or an additional comment) to a ServiceNow incident. Sent once: a repeat would add the entry twice.',
  input,
  output: incidentOutput,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['itil'],
  async run(ctx, args) {
    const current = await resolveIncident(ctx, args.incident);
    assertWritable(current, 'comment on it');
    const record = await patchIncident(ctx, sysIdOf(current), { [args.field ?? ctx.config.comment_field]: args.comment }, false);
    const state = ticketStateOf(ctx.config, record);
    return { sys_id: state.key, number: valueOf(record, 'number') ?? '', url: state.url, status: state.status, changed: true };
  },
  plan: (ctx, args) => [lookupRequest(args.incident), plannedPatch(args.incident, { [args.field ?? ctx.config.comment_field]: args.comment }, false)],
});
