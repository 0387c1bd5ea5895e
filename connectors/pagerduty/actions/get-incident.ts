import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { getIncident as readIncident } from '../client/incidents.ts';
import type { PagerDutyConfig } from '../config.ts';
import { ticketStateOf } from '../ticket/state.ts';
import { outputOf, ticketOutput } from './incident-io.ts';

const input = z.object({ incident_id: z.string().regex(/^([A-Z0-9]{6,20}|[0-9]{1,10})$/, 'a PagerDuty incident id or number').describe('The PagerDuty incident id (or its number)') });

/** GET /incidents/{id}: the incident's status, link, title, urgency and priority. */
export const getIncident = defineAction<typeof input, typeof ticketOutput, PagerDutyConfig>({
  name: 'get-incident',
  title: 'Get incident',
  description: 'Reads a PagerDuty incident: its status, link, title, urgency and priority.',
  input,
  output: ticketOutput,
  readOnly: true,
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.read'],
  run: async (ctx, args) => outputOf(ticketStateOf(await readIncident(ctx, args.incident_id))),
});
