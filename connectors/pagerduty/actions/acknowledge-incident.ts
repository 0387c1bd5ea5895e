import { defineAction } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { incidentInput, moveIncident, ticketOutput } from './incident-io.ts';
import { eventPlan, readIncidentPlan, routingKeyPlan } from './plans.ts';

/** An acknowledge event for the incident's dedup key (PagerDuty cannot un-acknowledge: no reverse). */
export const acknowledgeIncident = defineAction<typeof incidentInput, typeof ticketOutput, PagerDutyConfig>({
  name: 'acknowledge-incident',
  title: 'Acknowledge incident',
  description: 'Acknowledges a PagerDuty incident (escalation stops) through the Events API, and waits until PagerDuty shows it.',
  input: incidentInput,
  output: ticketOutput,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.read', 'incidents.write', 'services.read'],
  // The usual path; an incident without an open alert for its key is moved with PUT /incidents/{id} instead (ticket/update.ts).
  plan: (ctx, args) => [readIncidentPlan(args.incident_id), routingKeyPlan(ctx.config), eventPlan(ctx.config, { event_action: 'acknowledge', dedup_key: args.dedup_key ?? '(the incident\'s incident_key)' })],
  run: (ctx, args) => moveIncident(ctx, args, 'in_progress'),
});
