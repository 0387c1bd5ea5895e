import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { patchIncident, resolveIncident } from '../tickets/incident-api.ts';
import { ticketStateOf } from '../tickets/ticket-state.ts';
import { assertWritable, incidentOutput, incidentReference, lookupRequest, plannedPatch } from './incident-reference.ts';

const input = z.object({
  incident: incidentReference,
  close_code: z.string().min(1).max(40).optional().describe('Resolution code; default: the incident\'s own, else the instance\'s close_code'),
  close_notes: z.string().min(1).max(4000).optional().describe('Resolution notes; default: the incident\'s own, else the instance\'s close_notes'),
});
type Input = z.output<typeof input>;

function resolution(config: ServiceNowConfig, args: Input, current?: TableRecord) {
  return {
    state: '6',
    close_code: args.close_code ?? (current && valueOf(current, 'close_code')) ?? config.close_code,
    close_notes: args.close_notes ?? (current && valueOf(current, 'close_notes')) ?? config.close_notes,
  };
}

/** PATCH state 6 (Resolved) with close_code and close_notes, which the base data policy requires. */
export const resolveTicket = defineAction<typeof input, typeof incidentOutput, ServiceNowConfig>({
  name: 'resolve-ticket',
  title: 'Resolve incident',
  description: 'Resolves a ServiceNow incident (state Resolved, with a resolution code and notes). A resolved or closed incident is left as it is. Undo with reopen-ticket.',
  input,
  output: incidentOutput,
  readOnly: false,
  reverse: 'reopen-ticket',
  impact: 'low',
  category: 'ticket',
  permissions: ['itil'],
  async run(ctx, args) {
    const current = await resolveIncident(ctx, args.incident);
    const state = valueOf(current, 'state');
    if (state === '6' || state === '7') {
      const now = ticketStateOf(ctx.config, current);
      return { sys_id: now.key, number: valueOf(current, 'number') ?? '', url: now.url, status: now.status, changed: false };
    }
    assertWritable(current, 'resolve it');
    const record = await patchIncident(ctx, sysIdOf(current), resolution(ctx.config, args, current), true);
    const after = ticketStateOf(ctx.config, record);
    return { sys_id: after.key, number: valueOf(record, 'number') ?? '', url: after.url, status: after.status, changed: true };
  },
  plan: (ctx, args) => [lookupRequest(args.incident), plannedPatch(args.incident, resolution(ctx.config, args), true)],
});
