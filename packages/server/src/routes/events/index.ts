import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, standardErrors, uuidParam } from '../../schemas/common.ts';
import { actionType, eventTypeJson, subscriptionBody, subscriptionJson, subscriptionTestBody, subscriptionTestJson, toSubscriptionJson } from '../../schemas/event.ts';

const toInput = (b: z.infer<typeof subscriptionBody>) => ({
  name: b.name,
  instanceId: b.instance_id,
  eventType: b.event_type,
  filterCriteria: b.filter_criteria,
  actionType: b.action_type,
  actionConfig: b.action_config,
  isActive: b.is_active,
});

export const eventRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/events/types',
    access: 'read',
    summary: 'List the event types the hub emits, with the JSON Schema of each one’s data',
    description: 'Every event travels in the Standard Webhooks envelope `{ type, timestamp, data }`.',
    tags: ['events'],
    schema: { response: { 200: z.object({ items: z.array(eventTypeJson), next_cursor: z.null() }), ...standardErrors } },
    handler: async ({ engine }) => ({ items: engine.events.catalog.map((e) => ({ type: e.type, description: e.description, source: e.source, schema: e.schema })), next_cursor: null }),
  }),
  route({
    method: 'GET',
    url: '/api/integration/event-subscriptions',
    access: 'read',
    summary: 'List event subscriptions',
    tags: ['events'],
    schema: { querystring: pageQuery.extend({ action_type: actionType.optional(), instance_id: z.uuid().optional() }), response: { 200: pageOf(subscriptionJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.events.subscriptions.list(actor, { ...query, actionType: query.action_type, instanceId: query.instance_id });
      return { items: page.items.map(toSubscriptionJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/event-subscriptions',
    access: 'write',
    summary: 'Create an event subscription (outgoing webhook or sync trigger)',
    tags: ['events'],
    status: 201,
    schema: { body: subscriptionBody, response: { 201: subscriptionJson, ...standardErrors } },
    handler: async ({ engine, actor, body }) => toSubscriptionJson(await engine.events.subscriptions.create(actor, toInput(body))),
  }),
  route({
    method: 'POST',
    url: '/api/integration/event-subscriptions/test',
    access: 'read',
    summary: 'Test a subscription (saved or drafted) against a sample event',
    description:
      "Runs the subscription's event type, source and filter criteria against one event and says, check by check, whether it would act and why. Without `event`, the organisation's latest event of `event_type` (among its newest 50,000) is used. Nothing is sent or stored, so any role may test.",
    tags: ['events'],
    schema: { body: subscriptionTestBody, response: { 200: subscriptionTestJson, ...standardErrors } },
    async handler({ engine, actor, body }) {
      const sample = body.event ? { event: body.event, instanceId: body.event_instance_id ?? null } : undefined;
      const result = await engine.events.subscriptions.test(actor, { eventType: body.event_type, instanceId: body.instance_id, filterCriteria: body.filter_criteria }, sample);
      return { matched: result.matched, checks: result.checks, event: result.event, event_instance_id: result.instanceId, source: result.source };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/event-subscriptions/:id',
    access: 'read',
    summary: 'Get an event subscription',
    tags: ['events'],
    schema: { params: uuidParam, response: { 200: subscriptionJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toSubscriptionJson(await engine.events.subscriptions.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/event-subscriptions/:id',
    access: 'write',
    summary: 'Update an event subscription',
    tags: ['events'],
    schema: { params: uuidParam, body: subscriptionBody.partial().strict(), response: { 200: subscriptionJson, ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => toSubscriptionJson(await engine.events.subscriptions.update(actor, params.id, toInput(body as z.infer<typeof subscriptionBody>))),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/event-subscriptions/:id',
    access: 'write',
    summary: 'Delete an event subscription',
    tags: ['events'],
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.events.subscriptions.remove(actor, params.id);
      return null;
    },
  }),
];
