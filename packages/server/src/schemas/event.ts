import { z } from 'zod';
import type { SubscriptionRow } from '@patchbay/engine';
import { iso, toIso } from './common.ts';

export const eventTypeJson = z.object({ type: z.string(), description: z.string(), source: z.string(), schema: z.record(z.string(), z.unknown()) });

export const filterCriteria = z
  .object({
    class_uids: z.array(z.number().int()).optional(),
    severity_at_least: z.number().int().min(0).max(99).optional(),
    instance_ids: z.array(z.uuid()).optional(),
    tags: z.array(z.string()).optional(),
    predicate: z.string().max(4000).optional().describe('JSONata over the envelope { type, timestamp, data }; truthy matches'),
  })
  .strict();

export const actionType = z.enum(['webhook', 'sync', 'action']);

export const subscriptionBody = z
  .object({
    name: z.string().max(200).optional(),
    instance_id: z.uuid().nullable().optional().describe('Only events from this source instance'),
    event_type: z.string().min(1).max(200).describe('A type from /api/integration/events/types, a prefix pattern (record.*) or *'),
    filter_criteria: filterCriteria.optional(),
    action_type: actionType,
    action_config: z.record(z.string(), z.unknown()).optional().describe('webhook: { endpoint_id }; sync: { instance_id, stream? }; action: { instance_id, action, input } (high-impact actions wait for approval)'),
    is_active: z.boolean().optional(),
  })
  .strict();

export const subscriptionJson = z.object({
  id: z.string(),
  name: z.string(),
  instance_id: z.string().nullable(),
  event_type: z.string(),
  filter_criteria: z.record(z.string(), z.unknown()),
  action_type: z.string(),
  action_config: z.record(z.string(), z.unknown()),
  is_active: z.boolean(),
  created_by: z.string().nullable(),
  created_at: iso,
  updated_at: iso,
});

export function toSubscriptionJson(r: SubscriptionRow): z.infer<typeof subscriptionJson> {
  return { id: r.id, name: r.name, instance_id: r.instanceId, event_type: r.eventType, filter_criteria: r.filterCriteria, action_type: r.actionType, action_config: r.actionConfig, is_active: r.isActive, created_by: r.createdBy, created_at: toIso(r.createdAt)!, updated_at: toIso(r.updatedAt)! };
}

const envelope = z.object({ type: z.string().min(1).max(200), timestamp: z.string().max(64), data: z.record(z.string(), z.unknown()) }).strict();

export const subscriptionTestBody = z
  .object({
    event_type: subscriptionBody.shape.event_type,
    instance_id: subscriptionBody.shape.instance_id,
    filter_criteria: filterCriteria.optional(),
    event: envelope.optional().describe("The event to test against, as subscriptions receive it; left out: the organisation's latest event of event_type"),
    event_instance_id: z.uuid().nullable().optional().describe('The instance the given event came from (source filters compare it)'),
  })
  .strict();

export const subscriptionTestJson = z.object({
  matched: z.boolean().describe('Whether the subscription would act on this event'),
  checks: z.array(z.object({ criterion: z.string(), passed: z.boolean(), detail: z.string() })).describe('Each check in order: event type, source, then each criterion given'),
  event: envelope,
  event_instance_id: z.string().nullable(),
  source: z.enum(['given', 'latest']),
});
