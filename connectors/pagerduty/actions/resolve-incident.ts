import { defineAction } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { incidentInput, moveIncident, ticketOutput } from './incident-io.ts';
import { eventPlan, readIncidentPlan, routingKeyPlan } from './plans.ts';

/** A resolve event for the incident's dedup key; reopen-incident undoes it. */
export const resolveIncident = defineAction<typeof incidentInput, typeof ticketOutput, PagerDutyConfig>({
  name: 'resolve-incident',
  title: 'Resolve incident',
  description: 'Resolves a PagerDuty incident through the Events API, and waits until PagerDuty shows it resolved. Undo with reopen-incident.',
  input: incidentInput,
  output: ticketOutput,
  readOnly: false,
  reverse: 'reopen-incident',
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.read', 'incidents.write', 'services.read'],
  // The usual path; an incident without an open alert for its key is moved with PUT /incidents/{id} instead (ticket/update.ts).
  plan: (ctx, args) => [readIncidentPlan(args.incident_id), routingKeyPlan(ctx.config), eventPlan(ctx.config, { event_action: 'resolve', dedup_key: args.dedup_key ?? '(the incident\'s incident_key)' })],
  run: (ctx, args) => moveIncident(ctx, args, 'resolved'),
});
