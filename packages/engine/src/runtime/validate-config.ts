import type { z } from 'zod';
import { PatchbayError } from '@patchbay/types';
import type { ConnectorRegistry } from './connector-registry.ts';

/** Parses an instance configuration with the connector's declared zod schema; the first issue names the field. */
export function configValidator(registry: ConnectorRegistry) {
  return (connectorId: string, configuration: Record<string, unknown>): Record<string, unknown> => {
    const connector = registry.get(connectorId);
    if (!connector) return configuration; // a catalogue row without a runnable definition: stored as given
    const parsed = (connector.config as z.ZodType).safeParse(configuration);
    if (parsed.success) return parsed.data as Record<string, unknown>;
    const issue = parsed.error.issues[0]!;
    const field = ['configuration', ...issue.path.map(String)].join('.');
    throw new PatchbayError('VALIDATION_FAILED', {
      field: `body.${field}`,
      message: `body.${field}: ${issue.message}`,
      hint: `GET /api/integration/connectors/${connectorId}/schema gives the configuration schema.`,
      details: { issues: parsed.error.issues.map((i) => ({ field: `body.${['configuration', ...i.path.map(String)].join('.')}`, message: i.message })) },
    });
  };
}
