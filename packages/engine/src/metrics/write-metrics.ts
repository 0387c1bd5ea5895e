import { sql } from 'drizzle-orm';
import { connectorMetrics, type Db } from '@patchbay/store';
import { PERIOD_MS, sumKeys, type MetricSums } from './metric-values.ts';

export interface MetricBucket extends MetricSums {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly connectorId: string;
  readonly periodStart: Date;
}

const addExcluded = Object.fromEntries(
  sumKeys.map((k) => {
    const column = connectorMetrics[k];
    return [k, sql`${column} + excluded.${sql.identifier(column.name)}`];
  }),
);

/** Adds buckets to their hour rows (created on first use) in one statement. */
export async function addToMetrics(db: Db, buckets: readonly MetricBucket[], now: Date): Promise<void> {
  if (buckets.length === 0) return;
  await db
    .insert(connectorMetrics)
    .values(buckets.map((b) => ({ ...b, periodEnd: new Date(b.periodStart.getTime() + PERIOD_MS), createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({ target: [connectorMetrics.instanceId, connectorMetrics.periodStart], set: { ...addExcluded, updatedAt: now } });
}
