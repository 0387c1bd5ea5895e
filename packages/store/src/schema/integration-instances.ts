import { boolean, foreignKey, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authConfigs } from './auth-configs.ts';
import { connectors } from './connectors.ts';
import { organizations } from './organizations.ts';

export const instanceStatuses = ['configuring', 'active', 'inactive', 'error'] as const;
export type InstanceStatus = (typeof instanceStatuses)[number];

export const integrationInstances = pgTable(
  'integration_instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectorId: text('connector_id')
      .notNull()
      .references(() => connectors.id),
    name: text('name').notNull(),
    status: text('status').$type<InstanceStatus>().notNull().default('configuring'),
    /** Non-secret configuration only: secrets live in the vault. */
    configuration: jsonb('configuration').$type<Record<string, unknown>>().notNull().default({}),
    connectionUrl: text('connection_url'),
    authConfigId: uuid('auth_config_id'),
    allowPrivateNetwork: boolean('allow_private_network').notNull().default(false),
    connectorVersion: text('connector_version').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastConnected: timestamp('last_connected', { withTimezone: true }),
    errorMessage: text('error_message'),
  },
  (t) => [
    uniqueIndex('instances_org_name_uq').on(t.organizationId, t.name),
    index('instances_connector_idx').on(t.connectorId),
    // Same organisation enforced by the key itself: an instance can never use another organisation's config.
    foreignKey({ name: 'instances_auth_config_fk', columns: [t.organizationId, t.authConfigId], foreignColumns: [authConfigs.organizationId, authConfigs.id] }),
  ],
);
