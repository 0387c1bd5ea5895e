import type { z } from 'zod';
import { checkConnector } from './check-connector.ts';
import type { ConnectorDeclaration, ConnectorDefinition } from './connector-types.ts';
import { freezeData } from './freeze.ts';
import { DeclarationIssues } from './issues.ts';

/**
 * Declares a connector: plain, frozen, typed data the catalogue, forms and OpenAPI are generated from.
 * Validates the whole declaration (names, schemas, unique stream and action names, reverse actions,
 * capabilities against content) and throws one `CONFIG_INVALID` PatchbayError listing every problem in
 * `details.issues`. Runs no vendor code and needs no network.
 */
export function defineConnector<ConfigSchema extends z.ZodType>(
  declaration: ConnectorDeclaration<ConfigSchema>,
): ConnectorDefinition<ConfigSchema> {
  const issues = new DeclarationIssues(`connector "${String(declaration.id)}"`);
  checkConnector(issues, declaration as unknown as ConnectorDeclaration);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'connector' as const });
}
