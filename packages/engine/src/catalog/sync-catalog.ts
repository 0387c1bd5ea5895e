import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { connectors, integrationInstances } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { CatalogEntry } from './catalog-entry.ts';

/**
 * Makes the built-in rows of the catalogue match the declarations this build ships: upserts each, and
 * removes built-ins no longer shipped unless instances still use them (those stay, so nothing dangles).
 */
export async function syncCatalog(deps: EngineDeps, entries: readonly CatalogEntry[]): Promise<void> {
  const { db } = deps.database;
  const now = deps.clock.now();
  await db.transaction(async (tx) => {
    for (const e of entries) {
      const values = {
        id: e.id,
        organizationId: null,
        name: e.name,
        vendor: e.vendor,
        category: e.category,
        version: e.version,
        description: e.description,
        keyFeatures: [...e.keyFeatures],
        icon: e.icon ?? null,
        documentationUrl: e.docsUrl ?? null,
        capabilities: [...e.capabilities],
        authMethods: [...e.authMethods],
        schemaDefinition: e.schema,
        isBuiltIn: true,
        author: e.author ?? 'Patchbay',
        updatedAt: now,
      };
      await tx.insert(connectors).values({ ...values, createdAt: now }).onConflictDoUpdate({ target: connectors.id, set: values });
    }
    const shipped = entries.map((e) => e.id);
    const inUse = tx.select({ id: integrationInstances.connectorId }).from(integrationInstances);
    await tx
      .delete(connectors)
      .where(
        and(
          eq(connectors.isBuiltIn, true),
          isNull(connectors.organizationId),
          shipped.length ? notInArray(connectors.id, shipped) : sql`true`,
          notInArray(connectors.id, inUse),
        ),
      );
  });
}
