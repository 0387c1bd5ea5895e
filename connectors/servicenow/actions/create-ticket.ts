import { defineAction, type TicketDraft, type TicketPriority } from '@patchbay/sdk';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import { valueOf } from '../table-record.ts';
import { correlationIdOf } from '../tickets/correlation.ts';
import { createBody } from '../tickets/incident-body.ts';
import { openIncident } from '../tickets/open-incident.ts';
import { ticketStateOf } from '../tickets/ticket-state.ts';
import { incidentOutput } from './incident-reference.ts';

const input = z.object({
  dedup_key: z.string().min(1).max(500).describe('Identifies the ticket: running the action again with the same key finds the incident instead of opening another (stored as correlation_id)'),
  title: z.string().min(1).max(1000).describe('Short description (cut to 160 characters)'),
  description: z.string().max(32_000).default('').describe('Description'),
  priority: z.number().int().min(1).max(5).default(3).describe('1 (most urgent) to 5: sets impact and urgency through the instance\'s priority table'),
  fields: z.record(z.string(), z.unknown()).default({}).describe('Further incident fields, like {"assignment_group": "<sys_id>", "category": "software"}'),
  labels: z.array(z.string().min(1).max(100)).max(50).default([]).describe('Listed on the last line of the description'),
});

const draftOf = (args: z.output<typeof input>): TicketDraft => ({
  dedupKey: args.dedup_key,
  title: args.title,
  description: args.description,
  priority: args.priority as TicketPriority,
  fields: args.fields,
  labels: args.labels,
});

/** POST /api/now/table/incident after a lookup by correlation_id: https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html */
export const createTicket = defineAction<typeof input, typeof incidentOutput, ServiceNowConfig>({
  name: 'create-ticket',
  title: 'Create incident',
  description: 'Opens a ServiceNow incident, or finds the one already opened with the same dedup key (correlation_id).',
  input,
  output: incidentOutput,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['itil'],
  async run(ctx, args) {
    const { record, created } = await openIncident(ctx, draftOf(args));
    const state = ticketStateOf(ctx.config, record);
    return { sys_id: state.key, number: valueOf(record, 'number') ?? '', url: state.url, status: state.status, changed: created };
  },
  plan: (ctx, args) => [
    {
      method: 'GET',
      url: '/api/now/table/incident',
      query: { sysparm_query: `correlation_id=${correlationIdOf(args.dedup_key)}^ORDERBYsys_created_on`, sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true', sysparm_limit: 1 },
      operation: 'find-incident',
    },
    {
      method: 'POST',
      url: '/api/now/table/incident',
      body: createBody(ctx.config, draftOf(args)),
      retry: false,
      operation: 'create-incident',
    },
  ],
});
