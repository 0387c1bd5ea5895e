import { defineConnector, describeConnector, type AnyConnector, type ConnectorDeclaration } from '@patchbay/sdk';
import { isPatchbayError } from '@patchbay/types';
import { CheckFailure } from '../harness/check-failure.ts';

/**
 * The declaration is valid: it passes `defineConnector`'s checks again (names, metadata, schemas, auth,
 * hosts, capabilities against content), its streams come from `defineStream`, and it describes itself.
 */
export function checkDeclaration(connector: AnyConnector): Record<string, unknown> {
  const { kind: _kind, ...declaration } = connector;
  try {
    defineConnector(declaration as ConnectorDeclaration);
  } catch (error) {
    const issues = isPatchbayError(error) ? (error.details as { issues?: unknown } | undefined)?.issues : undefined;
    throw new CheckFailure(`the declaration is invalid: ${error instanceof Error ? error.message : String(error)}`, { issues: issues ?? null });
  }
  const undeclared = (connector.streams ?? []).filter((s) => (s as { kind?: unknown }).kind !== 'stream').map((s) => s.name);
  if (undeclared.length > 0) throw new CheckFailure(`streams not made with defineStream: ${undeclared.join(', ')}`);
  const described = describeConnector(connector);
  return {
    id: described.id,
    version: described.version,
    capabilities: described.capabilities,
    auth: described.auth.map((a) => a.type),
    streams: described.streams.map((s) => ({ name: s.name, ocsf: s.ocsf, fullRefresh: s.fullRefresh })),
    actions: described.actions.map((a) => a.name),
  };
}
