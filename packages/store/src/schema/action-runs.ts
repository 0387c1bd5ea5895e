import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';
import { organizations } from './organizations.ts';

export const actionRunStatuses = ['pending_approval', 'approved', 'rejected', 'expired', 'running', 'succeeded', 'failed', 'reversed'] as const;
export type ActionRunStatus = (typeof actionRunStatuses)[number];

/** What started a run: a person or token, an event subscription, a reversal by hand, or an expiry. */
export const actionRunTriggers = ['manual', 'subscription', 'reversal', 'expiry'] as const;
export type ActionRunTrigger = (typeof actionRunTriggers)[number];

/**
 * One invocation of a connector action on an instance (response actions): who asked, with which input,
 * who approved it (high-impact actions), what the vendor answered, and how it ended. A reversal is a run
 * of its own that points at the run it undoes (`reverses_run_id`).
 */
export const actionRuns = pgTable(
  'action_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    connectorId: text('connector_id').notNull(),
    action: text('action').notNull(),
    impact: text('impact').notNull(),
    requiresApproval: boolean('requires_approval').notNull(),
    status: text('status').$type<ActionRunStatus>().notNull(),
    trigger: text('trigger').$type<ActionRunTrigger>().notNull(),
    /** The validated input (the action's schema output). Reads mask secret-named fields. */
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    /** The finding or incident record the run is about. */
    recordId: uuid('record_id'),
    subscriptionId: uuid('subscription_id'),
    requestedBy: uuid('requested_by'),
    requestedByLabel: text('requested_by_label').notNull(),
    decidedBy: uuid('decided_by'),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    approvalExpiresAt: timestamp('approval_expires_at', { withTimezone: true }),
    /** Reverse the run automatically this long after it succeeds (needs a declared reverse action). */
    expiresInSeconds: integer('expires_in_seconds'),
    reverseAt: timestamp('reverse_at', { withTimezone: true }),
    reversesRunId: uuid('reverses_run_id'),
    reversedByRunId: uuid('reversed_by_run_id'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    vendorResponse: jsonb('vendor_response').$type<Record<string, unknown>>(),
    errorDetails: jsonb('error_details').$type<Record<string, unknown>>(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /**
     * The process running it (its `workers` id) while `running`: a run whose owner died is failed by
     * housekeeping (ACTION_RUN_LOST) instead of staying `running` forever.
     */
    ownerId: uuid('owner_id'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('action_runs_org_idx').on(t.organizationId, t.createdAt),
    index('action_runs_limit_idx').on(t.instanceId, t.action, t.createdAt),
    index('action_runs_approval_due_idx').on(t.approvalExpiresAt).where(sql`status = 'pending_approval'`),
    index('action_runs_reverse_due_idx').on(t.reverseAt).where(sql`status = 'succeeded' and reverse_at is not null`),
    index('action_runs_open_idx').on(t.updatedAt).where(sql`status in ('approved', 'running')`),
  ],
);

/** Blast-radius limits: at most `max_runs` runs of one action on one instance per `per_seconds`. */
export const actionLimits = pgTable(
  'action_limits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    maxRuns: integer('max_runs').notNull(),
    perSeconds: integer('per_seconds').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('action_limits_uq').on(t.instanceId, t.action)],
);
