import { z } from 'zod';
import type { InstanceRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const instanceStatus = z.enum(['configuring', 'active', 'inactive', 'error']);

export const instanceJson = z.object({
  id: z.uuid(),
  name: z.string(),
  connector_id: z.string(),
  status: instanceStatus,
  configuration: z.record(z.string(), z.unknown()),
  connection_url: z.string().nullable(),
  auth_config_id: z.uuid().nullable(),
  allow_private_network: z.boolean(),
  connector_version: z.string(),
  created_by: z.uuid().nullable(),
  created_at: iso,
  updated_at: iso,
  last_connected: isoOrNull,
  error_message: z.string().nullable(),
});

export const instanceName = z.string().trim().min(1).max(200);

export const createInstanceBody = z.object({
  name: instanceName,
  connector_id: z.string().min(1).describe('The connector key, e.g. `http-json`'),
  configuration: z.record(z.string(), z.unknown()).default({}).describe('Non-secret settings per the connector schema'),
  connection_url: z.url().nullable().optional(),
  auth_config_id: z.uuid().nullable().optional(),
  allow_private_network: z.boolean().optional().describe('Admins only: allow loopback, private and link-local addresses'),
});

export const updateInstanceBody = createInstanceBody.omit({ connector_id: true }).partial().strict();

export function toInstanceJson(row: InstanceRow): z.infer<typeof instanceJson> {
  return {
    id: row.id,
    name: row.name,
    connector_id: row.connectorId,
    status: row.status,
    configuration: row.configuration,
    connection_url: row.connectionUrl,
    auth_config_id: row.authConfigId,
    allow_private_network: row.allowPrivateNetwork,
    connector_version: row.connectorVersion,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_connected: toIso(row.lastConnected),
    error_message: row.errorMessage,
  };
}
