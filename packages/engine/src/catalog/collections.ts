import type { Actor } from '../lib/actor.ts';
import { builtInChangelog, type ChangelogEntry } from './changelog.ts';
import type { ConnectorService } from './connectors.ts';
import { featuredCollections, type FeaturedCollection } from './featured-collections.ts';

/** The catalogue's editorial side: featured collections (from featured-collections.ts) and connectors' changelogs. */
export function createCollectionService(connectors: ConnectorService, collections: readonly FeaturedCollection[] = featuredCollections) {
  return {
    /** Each featured collection with the connectors of it the caller can see (a collection left empty is dropped). */
    async list(actor: Actor): Promise<FeaturedCollection[]> {
      const visible = await connectors.visibleIds(actor);
      return collections.map((c) => ({ ...c, connectors: c.connectors.filter((id) => visible.has(id)) })).filter((c) => c.connectors.length > 0);
    },

    /** The connector's changelog: its CHANGELOG.md for a built-in, none for a registered program. */
    async changelog(actor: Actor, id: string): Promise<{ version: string; entries: ChangelogEntry[] }> {
      const row = await connectors.get(actor, id);
      return { version: row.version, entries: row.isBuiltIn ? ((await builtInChangelog(id)) ?? []) : [] };
    },
  };
}

export type CollectionService = ReturnType<typeof createCollectionService>;
