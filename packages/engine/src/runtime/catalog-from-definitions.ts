import { describeConnector, type AnyConnector } from '@patchbay/sdk';
import type { CatalogEntry } from '../catalog/catalog-entry.ts';

/** Catalogue rows are derived from declarations only: nothing here runs connector code. */
export function catalogEntryOf(connector: AnyConnector, author = 'Patchbay'): CatalogEntry {
  const description = describeConnector(connector) as unknown as Record<string, unknown>;
  return {
    id: connector.id,
    name: connector.name,
    vendor: connector.vendor,
    category: connector.category,
    version: connector.version,
    description: connector.description,
    keyFeatures: connector.features,
    icon: connector.icon,
    docsUrl: connector.docsUrl,
    capabilities: connector.capabilities,
    authMethods: connector.auth.map((a) => a.type),
    schema: description,
    author,
  };
}
