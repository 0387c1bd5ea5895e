import { and, asc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { connectorMetrics, integrationInstances, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import { cursorDate, cursorUuid } from '../logs/cursor-keys.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { emptySums, PERIOD_MS, periodStartOf, sumKeys, valuesOf, type MetricSums, type MetricValues } from './metric-values.ts';

export interface MetricsRange {
  readonly since: Date;
  readonly until: Date;
}

export interface InstanceMetrics extends MetricValues {
  readonly instanceId: string;
  readonly instanceName: string;
  readonly connectorId: string;
}

export interface MetricsPoint extends MetricValues {
  readonly periodStart: Date;
  readonly periodEnd: Date;
}

export type Granularity = 'hour' | 'day';

/** Buckets count when their hour starts in [since floored to the hour, until). */
export function effectiveRange(range: MetricsRange): MetricsRange {
  if (!(range.since < range.until)) throw new PatchbayError('VALIDATION_FAILED', { field: 'since', message: 'since must be before until' });
  return { since: periodStartOf(range.since), until: range.until };
}

const sums = Object.fromEntries(sumKeys.map((k) => [k, sql<number>`coalesce(sum(${connectorMetrics[k]}), 0)`.mapWith(Number)])) as Record<keyof MetricSums, SQL<number>>;

function inRange(range: MetricsRange): SQL {
  return and(gte(connectorMetrics.periodStart, range.since), lt(connectorMetrics.periodStart, range.until))!;
}

function toSums(row: Record<string, unknown>): MetricSums {
  const out = emptySums();
  for (const k of sumKeys) out[k] = Number(row[k] ?? 0);
  return out;
}

/** Every instance of the organisation with its totals over the range (zeros when nothing ran), by id. */
export async function metricsByInstance(db: Db, actor: Actor, range: MetricsRange, page: PageRequest): Promise<Page<InstanceMetrics>> {
  const limit = clampLimit(page.limit);
  const where: SQL[] = [eq(integrationInstances.organizationId, actor.organizationId)];
  if (page.cursor) where.push(gt(integrationInstances.id, cursorUuid(decodeCursor(page.cursor, 1)[0])));
  const rows = await db
    .select({ instanceId: integrationInstances.id, instanceName: integrationInstances.name, connectorId: integrationInstances.connectorId, ...sums })
    .from(integrationInstances)
    .leftJoin(connectorMetrics, and(eq(connectorMetrics.instanceId, integrationInstances.id), inRange(range)))
    .where(and(...where))
    .groupBy(integrationInstances.id)
    .orderBy(asc(integrationInstances.id))
    .limit(limit + 1);
  const items = rows.map((r) => ({ instanceId: r.instanceId, instanceName: r.instanceName, connectorId: r.connectorId, ...valuesOf(toSums(r)) }));
  return toPage(items, limit, (r) => [r.instanceId]);
}

/** Totals of one instance over the range. */
export async function metricsTotals(db: Db, instanceId: string, range: MetricsRange): Promise<MetricValues> {
  const [row] = await db.select(sums).from(connectorMetrics).where(and(eq(connectorMetrics.instanceId, instanceId), inRange(range)));
  return valuesOf(toSums(row ?? {}));
}

/** One instance's periods with data in the range, oldest first, by hour or by UTC day. */
export async function metricsSeries(db: Db, instanceId: string, range: MetricsRange, granularity: Granularity, page: PageRequest): Promise<Page<MetricsPoint>> {
  const limit = clampLimit(page.limit);
  const unit = granularity === 'day' ? sql.raw(`'day'`) : sql.raw(`'hour'`);
  const bucket = sql<Date>`date_trunc(${unit}, ${connectorMetrics.periodStart} at time zone 'UTC') at time zone 'UTC'`;
  const where: SQL[] = [eq(connectorMetrics.instanceId, instanceId), inRange(range)];
  if (page.cursor) {
    const after = cursorDate(decodeCursor(page.cursor, 1)[0]);
    where.push(sql`${bucket} > ${after.toISOString()}::timestamptz`);
  }
  const rows = await db
    .select({ periodStart: bucket.mapWith(connectorMetrics.periodStart), ...sums })
    .from(connectorMetrics)
    .where(and(...where))
    .groupBy(bucket)
    .orderBy(bucket)
    .limit(limit + 1);
  const length = granularity === 'day' ? 24 * PERIOD_MS : PERIOD_MS;
  const items = rows.map((r) => ({ periodStart: r.periodStart, periodEnd: new Date(r.periodStart.getTime() + length), ...valuesOf(toSums(r)) }));
  return toPage(items, limit, (r) => [r.periodStart.toISOString()]);
}
