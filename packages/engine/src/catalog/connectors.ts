import { and, asc, desc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { connectors } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

/** A catalogue row with what is computed per organisation: installs from instances, rating from reviews. */
export type ConnectorRow = typeof connectors.$inferSelect & { installCount: number; installed: boolean; rating: number | null; reviewCount: number };

/** Catalogue orders: by id (default), best rated first (then most reviewed), most installed first. */
export const connectorSorts = ['id', 'rating', 'installs'] as const;
export type ConnectorSort = (typeof connectorSorts)[number];

export interface ConnectorFilter extends PageRequest {
  readonly category?: string;
  readonly capability?: string;
  readonly authMethod?: string;
  readonly q?: string;
  /** true: only connectors with an instance in the organisation; false: only those without. */
  readonly installed?: boolean;
  readonly sort?: ConnectorSort;
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
  /** The organisation's average rating rounded to hundredths (null without reviews), and its review count. */
  function ratingOf(actor: Actor) {
    return sql<string | null>`(select round(avg(cr.rating)::numeric, 2) from connector_reviews cr where cr.connector_id = "connectors"."id" and cr.organization_id = ${actor.organizationId})`;
  }
  function reviewsOf(actor: Actor) {
    return sql<number>`(select count(*)::int from connector_reviews cr where cr.connector_id = "connectors"."id" and cr.organization_id = ${actor.organizationId})`;
  }
  const columns = (actor: Actor) => ({ connector: connectors, installCount: installsOf(actor), rating: ratingOf(actor), reviewCount: reviewsOf(actor) });
  const toRow = (r: { connector: typeof connectors.$inferSelect; installCount: number; rating: string | number | null; reviewCount: number }): ConnectorRow => ({
    ...r.connector,
    installCount: r.installCount,
    installed: r.installCount > 0,
    rating: r.rating === null ? null : Number(r.rating),
    reviewCount: r.reviewCount,
  });

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
      const installCount = installsOf(actor);
      if (filter.installed !== undefined) where.push(filter.installed ? sql`${installCount} > 0` : sql`${installCount} = 0`);
      const sort = filter.sort ?? 'id';
      // Keyset over (the sort's numbers, descending; then id): a rating is -1 without reviews so it sorts last.
      const rated = sql<number>`coalesce(${ratingOf(actor)}, -1)`;
      const keys: SQL[] = sort === 'rating' ? [rated, reviewsOf(actor)] : sort === 'installs' ? [installCount] : [];
      if (filter.cursor) {
        const cursor = decodeCursor(filter.cursor, keys.length + 1);
        const id = String(cursor.at(-1));
        if (keys.length === 0) where.push(gt(connectors.id, id));
        else where.push(sql`(${sql.join(keys.map((k) => sql`-(${k})`), sql`, `)}, ${connectors.id}) > (${sql.join(cursor.slice(0, -1).map((v) => sql`${-Number(v)}`), sql`, `)}, ${id})`);
      }
      const rows = await db
        .select(columns(actor))
        .from(connectors)
        .where(and(...where))
        .orderBy(...keys.map((k) => desc(k)), asc(connectors.id))
        .limit(limit + 1);
      const items = rows.map(toRow);
      return toPage(items, limit, (r) => [...(sort === 'rating' ? [r.rating ?? -1, r.reviewCount] : sort === 'installs' ? [r.installCount] : []), r.id]);
    },

    async get(actor: Actor, id: string): Promise<ConnectorRow> {
      const [row] = await db.select(columns(actor)).from(connectors).where(and(eq(connectors.id, id), visibleTo(actor)));
      if (!row) throw new PatchbayError('CONNECTOR_NOT_FOUND', { message: `No connector with id ${id}`, hint: 'List connectors with GET /api/integration/connectors.' });
      return toRow(row);
    },

    /** The ids of every connector the caller can see. */
    async visibleIds(actor: Actor): Promise<Set<string>> {
      const rows = await db.select({ id: connectors.id }).from(connectors).where(visibleTo(actor));
      return new Set(rows.map((r) => r.id));
    },

    /** Connectors per category among those the caller can see (the catalogue's "browse by category"). */
    async categories(actor: Actor): Promise<{ category: string; count: number }[]> {
      const rows = await db
        .select({ category: connectors.category, count: sql<number>`count(*)::int` })
        .from(connectors)
        .where(visibleTo(actor))
        .groupBy(connectors.category)
        .orderBy(asc(connectors.category));
      return rows;
    },
  };
}

export type ConnectorService = ReturnType<typeof createConnectorService>;
