/** What the catalogue stores and shows of a connector: derived from its declaration, never typed in. */
export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly category: string;
  readonly version: string;
  readonly description: string;
  readonly keyFeatures: readonly string[];
  readonly icon?: string;
  readonly docsUrl?: string;
  readonly capabilities: readonly string[];
  readonly authMethods: readonly string[];
  /** The JSON description: config and auth schemas, streams, actions, permissions, limits. */
  readonly schema: Record<string, unknown>;
  readonly author?: string;
}
