import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { STATE_FOR_STATUS } from '../incident-states.ts';
import { sysIdOf, valueOf } from '../table-record.ts';
import { patchIncident, resolveIncident } from '../tickets/incident-api.ts';
import { ticketStateOf } from '../tickets/ticket-state.ts';
import { assertWritable, incidentOutput, incidentReference, lookupRequest, plannedPatch } from './incident-reference.ts';

const input = z.object({
  incident: incidentReference,
  comment: z.string().min(1).max(32_000).optional().describe('Why it is reopened, added to the instance\'s comment_field'),
});

/** PATCH a Resolved incident back to New (state 1); closed and canceled incidents are read-only in ServiceNow and stay closed. */
export const reopenTicket = defineAction<typeof input, typeof incidentOutput, ServiceNowConfig>({
  name: 'reopen-ticket',
  title: 'Reopen incident',
  description: 'Moves a resolved ServiceNow incident back to New. An open incident is left as it is; a closed or canceled one cannot be reopened. Undo with resolve-ticket.',
  input,
  output: incidentOutput,
  readOnly: false,
  reverse: 'resolve-ticket',
  impact: 'low',
  category: 'ticket',
  permissions: ['itil'],
  async run(ctx, args) {
    const current = await resolveIncident(ctx, args.incident);
    if (valueOf(current, 'state') !== '6') {
      assertWritable(current, 'reopen it');
      const now = ticketStateOf(ctx.config, current);
      return { sys_id: now.key, number: valueOf(current, 'number') ?? '', url: now.url, status: now.status, changed: false };
    }
    const body = { state: STATE_FOR_STATUS.open, ...(args.comment ? { [ctx.config.comment_field]: args.comment } : {}) };
    const record = await patchIncident(ctx, sysIdOf(current), body, args.comment === undefined);
    const after = ticketStateOf(ctx.config, record);
    return { sys_id: after.key, number: valueOf(record, 'number') ?? '', url: after.url, status: after.status, changed: true };
  },
  plan: (ctx, args) => [lookupRequest(args.incident), plannedPatch(args.incident, { state: STATE_FOR_STATUS.open, ...(args.comment ? { [ctx.config.comment_field]: args.comment } : {}) }, args.comment === undefined)],
});
