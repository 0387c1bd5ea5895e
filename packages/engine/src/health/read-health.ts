import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { instanceHealth, integrationInstances, streamStaleness, type Db, type HealthError, type HealthState, type InstanceStatus } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { cursorUuid } from '../logs/cursor-keys.ts';

export interface StaleStream {
  readonly stream: string;
  readonly staleSince: Date;
  readonly lastSuccessAt: Date | null;
  readonly intervalMinutes: number;
}

export interface HealthView {
  readonly instanceId: string;
  readonly instanceName: string;
  readonly connectorId: string;
  readonly instanceStatus: InstanceStatus;
  readonly state: HealthState;
  readonly reasons: string[];
  readonly consecutiveFailures: number;
  readonly lastError: HealthError | null;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly stateChangedAt: Date | null;
  readonly staleStreams: StaleStream[];
}

export interface HealthSummary {
  /** The worst state among instances that are not inactive; unknown when none has run. */
  readonly overall: HealthState;
  readonly counts: Record<HealthState, number>;
  readonly total: number;
}

const stateOf = sql<HealthState>`coalesce(${instanceHealth.state}, 'unknown')`;

const columns = {
  instanceId: integrationInstances.id,
  instanceName: integrationInstances.name,
  connectorId: integrationInstances.connectorId,
  instanceStatus: integrationInstances.status,
  state: stateOf,
  reasons: instanceHealth.reasons,
  consecutiveFailures: instanceHealth.consecutiveFailures,
  lastError: instanceHealth.lastError,
  lastSuccessAt: instanceHealth.lastSuccessAt,
  lastFailureAt: instanceHealth.lastFailureAt,
  stateChangedAt: instanceHealth.stateChangedAt,
};

async function withStaleStreams(db: Db, rows: Omit<HealthView, 'staleStreams'>[]): Promise<HealthView[]> {
  const ids = rows.map((r) => r.instanceId);
  const stale = ids.length ? await db.select().from(streamStaleness).where(inArray(streamStaleness.instanceId, ids)).orderBy(asc(streamStaleness.stream)) : [];
  return rows.map((r) => ({
    ...r,
    reasons: r.reasons ?? [],
    consecutiveFailures: r.consecutiveFailures ?? 0,
    staleStreams: stale.filter((s) => s.instanceId === r.instanceId).map((s) => ({ stream: s.stream, staleSince: s.staleSince, lastSuccessAt: s.lastSuccessAt, intervalMinutes: s.intervalMinutes })),
  }));
}

function select(db: Db) {
  return db.select(columns).from(integrationInstances).leftJoin(instanceHealth, eq(instanceHealth.instanceId, integrationInstances.id));
}

/** The organisation's instances with their health, by name. */
export async function listHealth(db: Db, actor: Actor, filter: PageRequest & { readonly state?: HealthState }): Promise<Page<HealthView>> {
  const limit = clampLimit(filter.limit);
  const where: SQL[] = [eq(integrationInstances.organizationId, actor.organizationId)];
  if (filter.state) where.push(sql`${stateOf} = ${filter.state}`);
  if (filter.cursor) {
    const [name, id] = decodeCursor(filter.cursor, 2);
    where.push(or(gt(integrationInstances.name, String(name)), and(eq(integrationInstances.name, String(name)), gt(integrationInstances.id, cursorUuid(id))))!);
  }
  const rows = await select(db).where(and(...where)).orderBy(asc(integrationInstances.name), asc(integrationInstances.id)).limit(limit + 1);
  const page = toPage(rows as Omit<HealthView, 'staleStreams'>[], limit, (r) => [r.instanceName, r.instanceId]);
  return { items: await withStaleStreams(db, page.items), nextCursor: page.nextCursor };
}

export async function getHealth(db: Db, actor: Actor, instanceId: string): Promise<HealthView> {
  const rows = await select(db).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
  if (rows.length === 0) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instanceId}` });
  return (await withStaleStreams(db, rows as Omit<HealthView, 'staleStreams'>[]))[0]!;
}

const rank: Record<HealthState, number> = { unknown: 0, healthy: 1, degraded: 2, unhealthy: 3 };

export async function healthSummary(db: Db, actor: Actor): Promise<HealthSummary> {
  const rows = await db
    .select({ state: stateOf, inactive: sql<boolean>`${integrationInstances.status} = 'inactive'`, n: sql<number>`count(*)`.mapWith(Number) })
    .from(integrationInstances)
    .leftJoin(instanceHealth, eq(instanceHealth.instanceId, integrationInstances.id))
    .where(eq(integrationInstances.organizationId, actor.organizationId))
    .groupBy(stateOf, integrationInstances.status);
  const counts: Record<HealthState, number> = { unknown: 0, healthy: 0, degraded: 0, unhealthy: 0 };
  let overall: HealthState = 'unknown';
  for (const r of rows) {
    counts[r.state] += r.n;
    if (!r.inactive && rank[r.state] > rank[overall]) overall = r.state;
  }
  return { overall, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** Every instance's state and stale stream count, across organisations: the Prometheus gauges. */
export async function healthGauge(db: Db): Promise<{ instanceId: string; connectorId: string; state: HealthState; staleStreams: number }[]> {
  return db
    .select({
      instanceId: integrationInstances.id,
      connectorId: integrationInstances.connectorId,
      state: stateOf,
      staleStreams: sql<number>`(select count(*) from ${streamStaleness} where ${streamStaleness.instanceId} = ${integrationInstances.id})`.mapWith(Number),
    })
    .from(integrationInstances)
    .leftJoin(instanceHealth, eq(instanceHealth.instanceId, integrationInstances.id))
    .where(ne(integrationInstances.status, 'inactive'));
}
