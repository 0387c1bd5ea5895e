import { defineAction } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { updateRequest } from '../client/incidents.ts';
import { incidentInput, moveIncident, ticketOutput } from './incident-io.ts';
import { readIncidentPlan } from './plans.ts';

/** PUT /incidents/{id} with status triggered: the same incident opens again (undoes resolve-incident). */
export const reopenIncident = defineAction<typeof incidentInput, typeof ticketOutput, PagerDutyConfig>({
  name: 'reopen-incident',
  title: 'Reopen incident',
  description: 'Reopens a resolved PagerDuty incident (it triggers again and is assigned by its escalation policy), as the from_email user. Undoes resolve-incident.',
  input: incidentInput,
  output: ticketOutput,
  readOnly: false,
  reverse: 'resolve-incident',
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.read', 'incidents.write'],
  plan: (ctx, args) => [readIncidentPlan(args.incident_id), updateRequest(ctx.config, args.incident_id, { status: 'triggered' })],
  run: (ctx, args) => moveIncident(ctx, args, 'open'),
});
