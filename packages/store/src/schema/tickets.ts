import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';
import { organizations } from './organizations.ts';
import { records } from './records.ts';

/** Business hours an SLA clock counts in (optional; without them it counts every minute). */
export interface BusinessHours {
  /** IANA time zone, e.g. `Europe/Paris`. */
  readonly timezone: string;
  /** ISO weekdays the clock runs on (1 Monday .. 7 Sunday). */
  readonly days: readonly number[];
  /** `HH:MM` local start and end of the working day. */
  readonly start: string;
  readonly end: string;
}

/** SLA policy: minutes to resolve by priority (P1..P5), when to warn, and optional business hours. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Minutes to resolution by priority: `{ "1": 240, "2": 1440, ... }`. A missing priority has no SLA. */
    targets: jsonb('targets').$type<Record<string, number>>().notNull(),
    /** Fraction of the target after which `ticket.sla_near_breach` fires (default 0.75). */
    nearBreachRatio: real('near_breach_ratio').notNull().default(0.75),
    businessHours: jsonb('business_hours').$type<BusinessHours>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sla_policies_org_name_uq').on(t.organizationId, t.name)],
);

/**
 * A ticket rule: which finding events open a ticket (the subscription filter language plus asset
 * conditions), in which ITSM instance, grouped per finding or per asset, with field mapping, a priority
 * matrix and an SLA policy.
 */
export const ticketRules = pgTable(
  'ticket_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** The ITSM instance tickets open in (its connector declares `ticket`). */
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    /** Only findings from this instance (optional). */
    sourceInstanceId: uuid('source_instance_id'),
    filterCriteria: jsonb('filter_criteria').$type<Record<string, unknown>>().notNull().default({}),
    /** `{ criticality_at_least?, tags_any?, match: 'any' | 'all' }` about the finding's asset. */
    assetConditions: jsonb('asset_conditions').$type<Record<string, unknown>>(),
    /** `finding`: one ticket per finding; `asset`: one per asset and rule. */
    groupBy: text('group_by').$type<'finding' | 'asset'>().notNull().default('finding'),
    /** JSONata over `{ record, asset, findings }` for the title and description (defaults when null). */
    titleTemplate: text('title_template'),
    descriptionTemplate: text('description_template'),
    /** Vendor field → JSONata expression (strings starting with `=`) or a constant. */
    fieldMapping: jsonb('field_mapping').$type<Record<string, unknown>>().notNull().default({}),
    /** Severity name → criticality (or `none`) → priority 1..5; null uses the default matrix. */
    priorityMatrix: jsonb('priority_matrix').$type<Record<string, Record<string, number>>>(),
    slaPolicyId: uuid('sla_policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    /** Comment on the ticket when its findings are resolved or reopen (default true). */
    commentOnChanges: boolean('comment_on_changes').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('ticket_rules_org_name_uq').on(t.organizationId, t.name)],
);

/** A ticket Patchbay opened (or is opening) at an ITSM, with its SLA clock and the vendor's view of it. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').references(() => ticketRules.id, { onDelete: 'set null' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    /** Stable per (rule, group): what the connector's create is idempotent on. */
    dedupKey: text('dedup_key').notNull(),
    groupKey: text('group_key').notNull(),
    title: text('title').notNull(),
    priority: integer('priority').notNull(),
    /** Patchbay status: `pending` until the vendor has it, then open .. closed, or `failed`. */
    status: text('status').notNull(),
    vendorKey: text('vendor_key'),
    vendorUrl: text('vendor_url'),
    vendorStatus: text('vendor_status'),
    /** Fields as last sent (what Patchbay owns), for conflict detection. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    slaPolicyId: uuid('sla_policy_id'),
    /** `none`, `running`, `near_breach`, `breached`, `met` (resolved in time), `missed` (resolved late). */
    slaState: text('sla_state').notNull().default('none'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    nearBreachAt: timestamp('near_breach_at', { withTimezone: true }),
    slaStoppedAt: timestamp('sla_stopped_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    lastError: jsonb('last_error').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tickets_org_dedup_uq').on(t.organizationId, t.dedupKey),
    index('tickets_vendor_key_idx').on(t.instanceId, t.vendorKey),
    index('tickets_sla_idx').on(t.slaState, t.dueAt),
  ],
);

/** Which findings a ticket covers; `resolved_at` when the finding was resolved at its source. */
export const ticketFindings = pgTable(
  'ticket_findings',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Set when the ticket was done at the vendor while this finding was linked (the finding's workflow follows its ticket). */
    ticketResolvedAt: timestamp('ticket_resolved_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.recordId] }), index('ticket_findings_record_idx').on(t.recordId)],
);

/** Calls to the ITSM waiting to be made, in order per ticket, retried with backoff. */
export const ticketOperations = pgTable(
  'ticket_operations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    /** `create` or `update` (a TicketChange in `change`). */
    kind: text('kind').notNull(),
    change: jsonb('change').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: jsonb('last_error').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ticket_operations_pending_idx').on(t.status, t.nextAttemptAt)],
);
