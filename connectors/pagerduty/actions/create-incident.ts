import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { PagerDutyConfig } from '../config.ts';
import { restRequest } from '../client/rest.ts';
import { createTicket } from '../ticket/create.ts';
import { triggerEventOf } from '../ticket/fields.ts';
import { outputOf, ticketOutput } from './incident-io.ts';
import { eventPlan, routingKeyPlan } from './plans.ts';

const input = z.object({
  dedup_key: z.string().min(1).max(255).describe('Identifies the problem: running again with the same key finds the incident instead of opening another'),
  title: z.string().min(1).max(1024).describe('The incident title (the trigger event\'s summary)'),
  description: z.string().max(20_000).default('').describe('Shown in the alert\'s custom details'),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).default(3).describe('1 (most urgent) to 5, mapped through the instance\'s priority and severity tables'),
  fields: z.record(z.string(), z.unknown()).default({}).describe('PD-CEF fields (source, component, group, class, custom_details), urgency, or custom details'),
  labels: z.array(z.string().min(1).max(200)).max(50).default([]).describe('Listed in the alert\'s custom details (PagerDuty incidents have no labels)'),
});

const draftOf = (args: z.output<typeof input>) => ({ dedupKey: args.dedup_key, title: args.title, description: args.description, priority: args.priority, fields: args.fields, labels: args.labels });

/**
 * Opens a PagerDuty incident the way the ticket engine does (ticket/create.ts): a trigger event with the
 * dedup key on the configured service, then its priority and urgency through the REST API.
 */
export const createIncident = defineAction<typeof input, typeof ticketOutput, PagerDutyConfig>({
  name: 'create-incident',
  title: 'Create incident',
  description: 'Opens a PagerDuty incident on the configured service, or returns the one already opened with the same dedup key.',
  input,
  output: ticketOutput,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['incidents.read', 'incidents.write', 'services.read', 'priorities.read'],
  run: async (ctx, args) => outputOf(await createTicket(ctx, draftOf(args))),
  // For a new incident: the dedup-key lookup, the priorities, the routing key, the trigger (then the REST API is read until the incident appears, and a PUT sets its priority).
  plan: (ctx, args) => [
    restRequest({ method: 'GET', url: '/incidents', query: { incident_key: args.dedup_key, date_range: 'all', time_zone: 'UTC', limit: 100, ...(ctx.config.service_id ? { 'service_ids[]': [ctx.config.service_id] } : {}) }, operation: 'find-incident' }),
    ...(ctx.config.use_priorities ? [restRequest({ method: 'GET', url: '/priorities', query: { limit: 100, offset: 0 }, operation: 'list-priorities' })] : []),
    routingKeyPlan(ctx.config),
    eventPlan(ctx.config, triggerEventOf(ctx.config, draftOf(args))),
  ],
});
