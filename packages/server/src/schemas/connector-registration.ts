import { z } from 'zod';
import type { ConnectorRow } from '@patchbay/engine';
import { connectorJson, toConnectorJson } from './connector.ts';

const command = z.string().trim().min(1).max(1024).describe('The program or its interpreter: `python3`, `/opt/connectors/acme/run`. Never a shell line.');
const args = z.array(z.string().max(4096)).max(64).describe('Arguments before the operation, e.g. the script path. Never secrets: they would show in process lists.');
const cwd = z.string().min(1).max(1024).describe('Absolute working directory for the program');

export const registerConnectorBody = z.strictObject({ command, args: args.default([]), cwd: cwd.optional() });

export const updateConnectorBody = z.strictObject({ command: command.optional(), args: args.optional(), cwd: cwd.optional() });

export const registeredConnectorJson = connectorJson.extend({
  organization_id: z.uuid().nullable(),
  process: z.object({ command: z.string(), args: z.array(z.string()), cwd: z.string().nullable() }).nullable().describe('How the hub starts the program; null for built-ins'),
});

export function toRegisteredConnectorJson(row: ConnectorRow): z.infer<typeof registeredConnectorJson> {
  const p = row.processCommand;
  return { ...toConnectorJson(row), organization_id: row.organizationId, process: p ? { command: p.command, args: [...p.args], cwd: p.cwd ?? null } : null };
}
