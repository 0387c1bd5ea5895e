import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { integrationInstances } from './integration-instances.ts';

/** `field_mappings`: target path (an OCSF attribute path, or `patchbay.criticality` / `patchbay.tags`) → JSONata expression. */
export type FieldMappings = Record<string, string>;

/** One ordered step applied after the field mappings: remove an attribute, or replace the record with an expression's result. */
export type MappingTransformation = { readonly remove: string } | { readonly expression: string };

/**
 * User overrides of a connector's OCSF mapping, per (instance, stream): JSONata expressions compiled once
 * per sync and applied to every record after the connector's own mapper. At most one active mapping per
 * stream; every change is a new version (history in `data_mapping_versions`), and records name the
 * version that shaped them.
 */
export const dataMappings = pgTable(
  'data_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    name: text('name').notNull(),
    fieldMappings: jsonb('field_mappings').$type<FieldMappings>().notNull(),
    transformations: jsonb('transformations').$type<MappingTransformation[]>().notNull().default([]),
    /** Free-form description of the vendor records the mapping expects (for designers and reviewers). */
    sourceSchema: jsonb('source_schema').$type<Record<string, unknown>>(),
    /** Numbered per (instance, stream), never reused: deleting a mapping and creating another continues the count. */
    version: integer('version').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('data_mappings_active_uq').on(t.instanceId, t.stream).where(sql`${t.active}`),
    uniqueIndex('data_mappings_name_uq').on(t.instanceId, t.name),
    index('data_mappings_org_idx').on(t.organizationId, t.createdAt),
  ],
);

/** Every version of every mapping, kept after the mapping is deleted: `records.mapping_version` points here. */
export const dataMappingVersions = pgTable(
  'data_mapping_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mappingId: uuid('mapping_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    fieldMappings: jsonb('field_mappings').$type<FieldMappings>().notNull(),
    transformations: jsonb('transformations').$type<MappingTransformation[]>().notNull(),
    sourceSchema: jsonb('source_schema').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('data_mapping_versions_uq').on(t.instanceId, t.stream, t.version), index('data_mapping_versions_mapping_idx').on(t.mappingId)],
);
