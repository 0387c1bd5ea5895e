import { boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * The catalogue. Built-in rows are synced at start from the connector declarations (organization_id is
 * null: every organisation sees them); registered process-protocol programs belong to one organisation.
 * Install counts and ratings are computed from instances and reviews, never stored here.
 */
export const connectors = pgTable('connectors', {
  id: text('id').primaryKey(),
  organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  vendor: text('vendor').notNull(),
  category: text('category').notNull(),
  version: text('version').notNull(),
  description: text('description').notNull(),
  keyFeatures: jsonb('key_features').$type<string[]>().notNull().default([]),
  icon: text('icon'),
  documentationUrl: text('documentation_url'),
  capabilities: jsonb('capabilities').$type<string[]>().notNull().default([]),
  authMethods: jsonb('auth_methods').$type<string[]>().notNull().default([]),
  /** The full JSON description (config/auth schemas, streams, actions, permissions). */
  schemaDefinition: jsonb('schema_definition').$type<Record<string, unknown>>().notNull().default({}),
  isBuiltIn: boolean('is_built_in').notNull().default(true),
  author: text('author').notNull().default('Patchbay'),
  /** For process-protocol connectors: how to start the program. */
  processCommand: jsonb('process_command').$type<{ command: string; args: string[]; cwd?: string } | null>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
