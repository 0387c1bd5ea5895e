import type { ConnectorContext, TicketState, TicketStatus } from '@patchbay/sdk';
import { z } from 'zod';
import { getIncident } from '../client/incidents.ts';
import type { PagerDutyConfig } from '../config.ts';
import { updateTicket } from '../ticket/update.ts';

export const incidentInput = z.object({
  incident_id: z.string().regex(/^[A-Z0-9]{6,20}$/, 'a PagerDuty incident id such as Q1W2E3R4T5Y6U7').describe('The PagerDuty incident id (the ticket key, the incidents stream\'s record id)'),
  dedup_key: z.string().min(1).max(255).optional().describe('The dedup key its alert was triggered with (default: the incident\'s incident_key)'),
});

/** A ticket as actions return it. */
export const ticketOutput = z.object({
  key: z.string().describe('The PagerDuty incident id'),
  url: z.string().describe('The incident in the PagerDuty web app'),
  status: z.string().describe('PagerDuty status: triggered, acknowledged or resolved'),
  fields: z.record(z.string(), z.unknown()).optional().describe('Title, urgency and priority name'),
  updated_at: z.string().optional(),
});

export function outputOf(state: TicketState): z.input<typeof ticketOutput> {
  return { key: state.key, url: state.url, status: state.status, ...(state.fields ? { fields: { ...state.fields } } : {}), ...(state.updatedAt ? { updated_at: state.updatedAt.toISOString() } : {}) };
}

/** Moves an incident through the ticket status table, with the dedup key given or the incident's own (ticket/update.ts). */
export async function moveIncident(ctx: ConnectorContext<PagerDutyConfig>, input: z.output<typeof incidentInput>, status: TicketStatus) {
  const incident = await getIncident(ctx, input.incident_id);
  return outputOf(await updateTicket(ctx, incident.id, { status, dedupKey: input.dedup_key ?? incident.incident_key ?? '' }));
}
