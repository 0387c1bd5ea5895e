import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';
import { organizations } from './organizations.ts';

/**
 * A SIEM destination: an instance of a connector with the `destination` capability, the format events
 * are rendered in, and which events go there (the subscription filter language). The row is also the
 * destination's outbox cursor (`last_seq`, advanced only after the receiver acknowledged a batch), its
 * lease (one process sends for it at a time), its failure state and an optional replay in progress.
 */
export const destinations = pgTable(
  'destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The connector instance that sends (its connector declares a destination). */
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    /** Format settings: syslog app name and facility, HEC index and sourcetype, a JSONata template. */
    formatOptions: jsonb('format_options').$type<Record<string, unknown>>().notNull().default({}),
    /** Which events: an event type pattern, an optional source instance and filter criteria (as subscriptions). */
    eventType: text('event_type').notNull().default('record.*'),
    sourceInstanceId: uuid('source_instance_id'),
    filterCriteria: jsonb('filter_criteria').$type<Record<string, unknown>>().notNull().default({}),
    isActive: boolean('is_active').notNull().default(true),
    /** The cursor: every outbox event up to this seq was sent, skipped or filtered out. */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    lastError: jsonb('last_error').$type<Record<string, unknown>>(),
    /** The last seq of the batch that fails (what a skip moves to the dead-letter queue). */
    failingToSeq: bigint('failing_to_seq', { mode: 'number' }),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    eventsSent: bigint('events_sent', { mode: 'number' }).notNull().default(0),
    /** A replay in progress: outbox events in [replay_from, replay_to] with seq in (replay_seq, replay_until_seq]. */
    replayFrom: timestamp('replay_from', { withTimezone: true }),
    replayTo: timestamp('replay_to', { withTimezone: true }),
    replaySeq: bigint('replay_seq', { mode: 'number' }),
    replayUntilSeq: bigint('replay_until_seq', { mode: 'number' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('destinations_org_idx').on(t.organizationId, t.createdAt), index('destinations_instance_idx').on(t.instanceId)],
);

/** Events an operator skipped out of a failing destination (a poison batch); replay sends them again. */
export const destinationDeadLetters = pgTable(
  'destination_dead_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => destinations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The event envelope `{ type, timestamp, data }` as it was in the outbox. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    reason: jsonb('reason').$type<Record<string, unknown>>(),
    skippedBy: uuid('skipped_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('destination_dead_letters_event_uq').on(t.destinationId, t.eventId), index('destination_dead_letters_dest_idx').on(t.destinationId, t.seq)],
);
