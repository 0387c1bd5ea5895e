import { z } from 'zod';
import { destinationEntry } from './destinations-section.ts';
import { slaPolicyEntry, ticketRuleEntry } from './tickets-sections.ts';

/**
 * The organisation's configuration as one document (configuration as code). Everything is keyed by
 * names, never by ids, so a document moves between hubs; credentials appear only as named references.
 * Later lists are sections (config-section.ts, sections.ts): destinations, sla_policies, ticket_rules.
 */
export const CONFIG_DOCUMENT_VERSION = 1;

const json = z.record(z.string(), z.unknown());

export const scheduleEntry = z
  .object({
    stream: z.string().nullable(),
    schedule_type: z.enum(['interval', 'cron', 'event']),
    interval_minutes: z.number().int().nullable(),
    cron_expression: z.string().nullable(),
    timezone: z.string(),
    event_trigger: z.string().nullable(),
    is_active: z.boolean(),
  })
  .strict();

export const actionLimitEntry = z.object({ action: z.string().min(1), max_runs: z.number().int().min(0), per_seconds: z.number().int().min(1) }).strict();

export const instanceEntry = z
  .object({
    name: z.string().min(1),
    connector: z.string().min(1),
    connector_version: z.string().optional(),
    credential: z.string().min(1).nullable().describe('The name of an authentication config (supplied on import)'),
    configuration: json,
    connection_url: z.string().nullable(),
    allow_private_network: z.boolean(),
    schedules: z.array(scheduleEntry),
    action_limits: z.array(actionLimitEntry),
  })
  .strict();

export const mappingEntry = z
  .object({
    name: z.string().min(1),
    instance: z.string().min(1),
    stream: z.string().min(1),
    field_mappings: z.record(z.string(), z.string()),
    transformations: z.array(json),
    active: z.boolean(),
  })
  .strict();

export const subscriptionAction = z
  .object({
    endpoint: z.string().optional().describe('webhook: the endpoint URL'),
    instance: z.string().optional().describe('sync and action: the instance name'),
    stream: z.string().optional(),
    action: z.string().optional(),
    input: json.optional(),
  })
  .strict();

export const subscriptionEntry = z
  .object({
    name: z.string(),
    event_type: z.string().min(1),
    instance: z.string().nullable().describe('Only events from this source instance (by name)'),
    filter_criteria: json,
    action_type: z.enum(['webhook', 'sync', 'action']),
    action: subscriptionAction,
    is_active: z.boolean(),
  })
  .strict();

export const endpointEntry = z.object({ url: z.string().min(1), description: z.string(), is_active: z.boolean(), allow_private_network: z.boolean() }).strict();

export const credentialReference = z.object({ name: z.string().min(1), auth_type: z.string().min(1) }).strict();

export const configDocument = z
  .object({
    patchbay: z.literal(CONFIG_DOCUMENT_VERSION),
    credentials: z.array(credentialReference).default([]),
    instances: z.array(instanceEntry).default([]),
    mappings: z.array(mappingEntry).default([]),
    subscriptions: z.array(subscriptionEntry).default([]),
    webhook_endpoints: z.array(endpointEntry).default([]),
    // Sections (sections.ts), in the order they are listed there.
    destinations: z.array(destinationEntry).default([]),
    sla_policies: z.array(slaPolicyEntry).default([]),
    ticket_rules: z.array(ticketRuleEntry).default([]),
  })
  .strict();

export type ConfigDocument = z.output<typeof configDocument>;
/** The lists that come from sections (sections.ts). */
export type SectionLists = Omit<ConfigDocument, 'patchbay' | 'credentials' | 'instances' | 'mappings' | 'subscriptions' | 'webhook_endpoints'>;
export type InstanceEntry = z.output<typeof instanceEntry>;
export type MappingEntry = z.output<typeof mappingEntry>;
export type SubscriptionEntry = z.output<typeof subscriptionEntry>;
export type EndpointEntry = z.output<typeof endpointEntry>;
