import { and, asc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { connectors } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

export type ConnectorRow = typeof connectors.$inferSelect & { installCount: number; installed: boolean };

export interface ConnectorFilter extends PageRequest {
  readonly category?: string;
  readonly capability?: string;
  readonly authMethod?: string;
  readonly q?: string;
}

/** Built-ins are visible to everyone; registered programs to their own organisation only. */
export function visibleTo(actor: Actor): SQL {
  return or(isNull(connectors.organizationId), eq(connectors.organizationId, actor.organizationId))!;
}

export function createConnectorService(deps: EngineDeps) {
  const { db } = deps.database;

  function installsOf(actor: Actor) {
    // Qualified by hand: drizzle leaves single-table column names bare, and `id` would bind to the subquery.
    return sql<number>`(select count(*)::int from integration_instances ii where ii.connector_id = "connectors"."id" and ii.organization_id = ${actor.organizationId})`;
  }

  return {
    async list(actor: Actor, filter: ConnectorFilter): Promise<Page<ConnectorRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [visibleTo(actor)];
      if (filter.category) where.push(eq(connectors.category, filter.category));
      if (filter.capability) where.push(sql`${connectors.capabilities} ? ${filter.capability}`);
      if (filter.authMethod) where.push(sql`${connectors.authMethods} ? ${filter.authMethod}`);
      if (filter.q) {
        const like = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        where.push(or(ilike(connectors.name, like), ilike(connectors.vendor, like), ilike(connectors.description, like), ilike(connectors.id, like))!);
      }
      if (filter.cursor) where.push(gt(connectors.id, String(decodeCursor(filter.cursor, 1)[0])));
      const installCount = installsOf(actor);
      const rows = await db
        .select({ connector: connectors, installCount })
        .from(connectors)
        .where(and(...where))
        .orderBy(asc(connectors.id))
        .limit(limit + 1);
      const items = rows.map((r) => ({ ...r.connector, installCount: r.installCount, installed: r.installCount > 0 }));
      return toPage(items, limit, (r) => [r.id]);
    },

    async get(actor: Actor, id: string): Promise<ConnectorRow> {
      const installCount = installsOf(actor);
      const [row] = await db.select({ connector: connectors, installCount }).from(connectors).where(and(eq(connectors.id, id), visibleTo(actor)));
      if (!row) throw new PatchbayError('CONNECTOR_NOT_FOUND', { message: `No connector with id ${id}`, hint: 'List connectors with GET /api/integration/connectors.' });
      return { ...row.connector, installCount: row.installCount, installed: row.installCount > 0 };
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
