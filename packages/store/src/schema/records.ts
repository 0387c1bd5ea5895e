import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';

/**
 * Normalised records, one row per (instance, stream, vendor id). The OCSF object is in `data`; the
 * columns beside it serve filtering and provenance. Unchanged records only move `last_seen`.
 */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    externalId: text('external_id').notNull(),
    classUid: integer('class_uid').notNull(),
    categoryUid: integer('category_uid'),
    severityId: integer('severity_id'),
    /** The record's own time (OCSF `time`), when it has one. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    contentHash: text('content_hash').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    rawHash: text('raw_hash').notNull(),
    rawSize: integer('raw_size').notNull(),
    /** The vendor payload, kept only when the instance asks for it (size-capped). */
    raw: jsonb('raw'),
    syncExecutionId: uuid('sync_execution_id'),
    connectorVersion: text('connector_version').notNull(),
    mappingVersion: integer('mapping_version'),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    /** Bumped on every content change; lets readers page stably through updates. */
    revision: bigint('revision', { mode: 'number' }).notNull().default(1),
  },
  (t) => [
    uniqueIndex('records_identity_uq').on(t.instanceId, t.stream, t.externalId),
    index('records_org_class_idx').on(t.organizationId, t.classUid, t.lastSeen),
    // The mapping designer's recent raw samples: only rows that kept their raw payload, so syncs that keep none pay nothing.
    index('records_raw_samples_idx').on(t.instanceId, t.stream, t.lastSeen).where(sql`${t.raw} is not null`),
  ],
);
