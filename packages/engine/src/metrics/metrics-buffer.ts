import { inArray } from 'drizzle-orm';
import type { HttpMetrics } from '@patchbay/sdk';
import { integrationInstances } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { addAttempt, emptySums, isRateLimitedResponse, periodStartOf } from './metric-values.ts';
import { addToMetrics, type MetricBucket } from './write-metrics.ts';

export interface InstanceRef {
  readonly id: string;
  readonly organizationId: string;
  readonly connectorId: string;
}

/** Default: buffered HTTP metrics reach the database at least once a minute of clock time. */
export const DEFAULT_FLUSH_EVERY_MS = 60_000;

/**
 * Per-attempt HTTP metrics summed in memory by (instance, hour) and written in one statement: on
 * `flush()` (each finished execution calls it), or when a recorded attempt finds the last flush older
 * than `flushEveryMs` of clock time. No database write per request.
 */
export function createMetricsBuffer(deps: EngineDeps, flushEveryMs = DEFAULT_FLUSH_EVERY_MS) {
  const { db } = deps.database;
  let pending = new Map<string, MetricBucket>();
  const rateLimited = new Map<string, number>();
  let lastFlush = deps.clock.now().getTime();
  let chain: Promise<void> = Promise.resolve();

  async function write(buckets: MetricBucket[]): Promise<void> {
    if (buckets.length === 0) return;
    const now = deps.clock.now();
    const ids = [...new Set(buckets.map((b) => b.instanceId))];
    const live = new Set((await db.select({ id: integrationInstances.id }).from(integrationInstances).where(inArray(integrationInstances.id, ids))).map((r) => r.id));
    const rows = buckets.filter((b) => live.has(b.instanceId));
    try {
      await addToMetrics(db, rows, now);
    } catch (error) {
      // One bad row (an instance deleted meanwhile) must not lose the others.
      for (const row of rows) {
        await addToMetrics(db, [row], now).catch((e: unknown) => deps.log.warn({ err: e, instanceId: row.instanceId }, 'dropped connector metrics of one instance'));
      }
      deps.log.debug({ err: error }, 'connector metrics written row by row');
    }
  }

  function flush(): Promise<void> {
    const buckets = [...pending.values()];
    pending = new Map();
    lastFlush = deps.clock.now().getTime();
    chain = chain.then(() => write(buckets)).catch((error: unknown) => deps.log.error({ err: error }, 'writing connector metrics failed'));
    return chain;
  }

  return {
    record(instance: InstanceRef, m: HttpMetrics): void {
      const now = deps.clock.now();
      const periodStart = periodStartOf(now);
      const key = `${instance.id}/${periodStart.getTime()}`;
      let bucket = pending.get(key);
      if (!bucket) {
        bucket = { organizationId: instance.organizationId, instanceId: instance.id, connectorId: instance.connectorId, periodStart, ...emptySums() };
        pending.set(key, bucket);
      }
      addAttempt(bucket, m);
      if (isRateLimitedResponse(m)) rateLimited.set(instance.id, (rateLimited.get(instance.id) ?? 0) + 1);
      if (now.getTime() - lastFlush >= flushEveryMs) void flush();
    },
    /** Whether the vendor answered 429 since the last call for this instance; resets it. */
    takeRateLimited(instanceId: string): boolean {
      const seen = rateLimited.has(instanceId);
      rateLimited.delete(instanceId);
      return seen;
    },
    flush,
    /** Attempts buffered and not yet written (tests, shutdown). */
    pendingBuckets: () => pending.size,
  };
}

export type MetricsBuffer = ReturnType<typeof createMetricsBuffer>;
