import { z } from 'zod';
import type { ConnectorRow } from '@patchbay/engine';
import type { ConnectorDescription } from '@patchbay/sdk';

const jsonSchema = z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12)');

export const connectorSchemaJson = z.object({
  id: z.string(),
  version: z.string(),
  config_schema: jsonSchema.describe('JSON Schema of the instance `configuration` (non-secret settings)'),
  auth_methods: z.array(
    z.object({
      type: z.string().describe('The auth type an authentication config must have'),
      title: z.string().nullable(),
      description: z.string().nullable(),
      schema: jsonSchema.describe('JSON Schema of the credentials; secret fields are `writeOnly`'),
      settings: z.record(z.string(), z.unknown()).describe("The method's declared settings: where an API key goes (`in`, `name`), token URL, scopes; `{ fromConfig: true }` when the configuration decides"),
    }),
  ),
});

export const connectorCapabilitiesJson = z.object({
  id: z.string(),
  version: z.string(),
  capabilities: z.array(z.string()),
  test_connection: z.boolean().describe('Whether POST /api/integration/instances/{id}/test can run a live check'),
  process_protocol: z.string().nullable().describe('`patchbay-process/1` for a registered program, null for a built-in'),
  streams: z.array(
    z.object({
      name: z.string(),
      title: z.string().nullable(),
      ocsf_class: z.string().nullable(),
      ocsf_class_uid: z.number().int().nullable(),
      full_refresh: z.boolean(),
      permissions: z.array(z.string()),
      schedule_minutes: z.number().int().nullable(),
    }),
  ),
  actions: z.array(
    z.object({
      name: z.string(),
      title: z.string(),
      impact: z.string(),
      reverse: z.string().nullable(),
      category: z.string(),
      read_only: z.boolean(),
      permissions: z.array(z.string()),
      dry_run: z.boolean(),
    }),
  ),
  webhook: z.object({ verification: z.string(), streams: z.array(z.string()), events: z.array(z.string()) }).nullable(),
  destination: z.object({ formats: z.array(z.string()), max_batch_events: z.number().int() }).nullable(),
  permissions: z.array(z.object({ permission: z.string(), used_by: z.array(z.object({ kind: z.enum(['stream', 'action']), name: z.string() })) })),
});

type Description = Partial<ConnectorDescription>;

/** Config and credential schemas; a catalogue row without a stored description answers with open schemas. */
export function toSchemaJson(row: ConnectorRow, d: Description): z.infer<typeof connectorSchemaJson> {
  const auth = d.auth ?? row.authMethods.map((type) => ({ type, title: null, description: null, schema: {}, settings: {} }));
  return {
    id: row.id,
    version: row.version,
    config_schema: { ...(d.config ?? { type: 'object' }) },
    auth_methods: auth.map((a) => ({ type: a.type, title: a.title ?? null, description: a.description ?? null, schema: { ...a.schema }, settings: { ...(a.settings ?? {}) } })),
  };
}

export function toCapabilitiesJson(row: ConnectorRow, d: Description): z.infer<typeof connectorCapabilitiesJson> {
  return {
    id: row.id,
    version: row.version,
    capabilities: [...(d.capabilities ?? row.capabilities)],
    test_connection: d.testConnection ?? false,
    process_protocol: row.processCommand ? String(row.schemaDefinition.protocol ?? 'patchbay-process/1') : null,
    streams: (d.streams ?? []).map((s) => ({
      name: s.name,
      title: s.title,
      ocsf_class: s.ocsf.class ?? null,
      ocsf_class_uid: s.ocsf.classUid ?? null,
      full_refresh: s.fullRefresh,
      permissions: [...s.permissions],
      schedule_minutes: s.schedule?.intervalMinutes ?? null,
    })),
    actions: (d.actions ?? []).map((a) => ({
      name: a.name,
      title: a.title,
      impact: a.impact,
      reverse: a.reverse,
      category: a.category,
      read_only: a.readOnly,
      permissions: [...a.permissions],
      dry_run: a.dryRun,
    })),
    webhook: d.webhook ? { verification: d.webhook.verification.kind, streams: [...d.webhook.streams], events: [...d.webhook.events] } : null,
    destination: d.destination ? { formats: [...d.destination.formats], max_batch_events: d.destination.maxBatchEvents } : null,
    permissions: (d.permissions ?? []).map((p) => ({ permission: p.permission, used_by: p.usedBy.map((u) => ({ kind: u.kind, name: u.name })) })),
  };
}
