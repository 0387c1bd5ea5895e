import type { CatalogEntry } from '@patchbay/engine';

/** The connectors this build ships. Filled from the generated connector registry. */
export function builtInCatalog(): CatalogEntry[] {
  return [];
}
