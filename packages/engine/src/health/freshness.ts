import { and, eq } from 'drizzle-orm';
import type { AnyStream } from '@patchbay/sdk';
import { integrationInstances, outbox, streamStaleness, streamStates, type Db } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation, logOperations } from '../logs/log-operation.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { scheduleIntervals } from './schedule-intervals.ts';
import { updateHealth } from './update-health.ts';

export interface FreshnessInstance {
  readonly id: string;
  readonly organizationId: string;
  readonly connectorId: string;
}

/** A stream's effective interval in minutes, or undefined when it has none (then it is never stale). */
export type IntervalResolver = (instance: FreshnessInstance, stream: AnyStream) => number | undefined | Promise<number | undefined>;

/** The stream's declared default schedule. */
export const declaredInterval: IntervalResolver = (_instance, stream) => stream.schedule?.intervalMinutes;

/** A stream is stale once its last success is older than this many intervals. */
export const STALE_AFTER_INTERVALS = 2;

export interface FreshnessReport {
  /** Streams with an interval that were looked at. */
  readonly checked: number;
  /** Streams that became stale in this check (each raised one `stream.stale`). */
  readonly becameStale: { instanceId: string; stream: string }[];
  /** Staleness episodes that ended without a success (the instance was deactivated, its interval changed). */
  readonly cleared: { instanceId: string; stream: string }[];
}

/** Ends a staleness episode in the caller's transaction; returns whether there was one. */
export async function clearStaleness(tx: Db, instanceId: string, stream: string): Promise<boolean> {
  const gone = await tx.delete(streamStaleness).where(and(eq(streamStaleness.instanceId, instanceId), eq(streamStaleness.stream, stream))).returning({ stream: streamStaleness.stream });
  return gone.length > 0;
}

async function markStale(tx: Db, instance: FreshnessInstance, stream: string, lastSuccessAt: Date | null, intervalMinutes: number, now: Date): Promise<boolean> {
  const inserted = await tx
    .insert(streamStaleness)
    .values({ instanceId: instance.id, stream, organizationId: instance.organizationId, staleSince: now, lastSuccessAt, intervalMinutes })
    .onConflictDoNothing()
    .returning({ stream: streamStaleness.stream });
  if (inserted.length === 0) return false;
  const data = { instance_id: instance.id, connector_id: instance.connectorId, stream, last_success_at: lastSuccessAt?.toISOString() ?? null, interval_minutes: intervalMinutes, stale_after_minutes: intervalMinutes * STALE_AFTER_INTERVALS };
  await tx.insert(outbox).values({ organizationId: instance.organizationId, instanceId: instance.id, type: 'stream.stale', occurredAt: now, data });
  const since = lastSuccessAt ? `since ${lastSuccessAt.toISOString()}` : 'yet';
  await logOperation(tx, { organizationId: instance.organizationId, instanceId: instance.id, level: 'warning', operation: logOperations.freshness, message: `Stream ${stream} is stale: no successful sync ${since} (interval ${intervalMinutes} min)`, details: data, occurredAt: now });
  await updateHealth(tx, instance.id, null, now);
  return true;
}

/**
 * Flags the streams of active instances whose last success is older than twice their interval (a
 * stream that never succeeded counts from the instance's last change). The interval is the stream's
 * active schedule (`sync_schedules`), else its declared default, unless a resolver is given. Each episode raises one
 * `stream.stale` event; the next successful sync of the stream ends it. Run it periodically
 * (the scheduler does); safe to run from several processes at once.
 */
export async function checkFreshness(deps: EngineDeps, registry: ConnectorRegistry, now: Date, resolver?: IntervalResolver): Promise<FreshnessReport> {
  const { db } = deps.database;
  const isActive = eq(integrationInstances.status, 'active');
  const active = await db.select().from(integrationInstances).where(isActive);
  const intervalFor = resolver ?? (await scheduleIntervals(db, now));
  const states = await db
    .select({ instanceId: streamStates.instanceId, stream: streamStates.stream, lastSuccessAt: streamStates.lastSuccessAt })
    .from(streamStates)
    .innerJoin(integrationInstances, eq(integrationInstances.id, streamStates.instanceId))
    .where(isActive);
  const lastSuccess = new Map(states.map((s) => [`${s.instanceId}/${s.stream}`, s.lastSuccessAt]));
  const existing = new Set((await db.select({ instanceId: streamStaleness.instanceId, stream: streamStaleness.stream }).from(streamStaleness)).map((s) => `${s.instanceId}/${s.stream}`));
  const report = { checked: 0, becameStale: [] as { instanceId: string; stream: string }[], cleared: [] as { instanceId: string; stream: string }[] };
  const stillStale = new Set<string>();

  for (const instance of active) {
    const connector = registry.get(instance.connectorId);
    for (const stream of connector?.streams ?? []) {
      const interval = await intervalFor(instance, stream);
      if (!interval || interval <= 0) continue;
      report.checked++;
      const key = `${instance.id}/${stream.name}`;
      const last = lastSuccess.get(key) ?? null;
      const reference = last ?? instance.updatedAt;
      if (now.getTime() - reference.getTime() <= interval * STALE_AFTER_INTERVALS * 60_000) continue;
      stillStale.add(key);
      if (existing.has(key)) continue;
      if (await db.transaction((tx) => markStale(tx, instance, stream.name, last, interval, now))) report.becameStale.push({ instanceId: instance.id, stream: stream.name });
    }
  }
  for (const key of existing) {
    if (stillStale.has(key)) continue;
    const cut = key.indexOf('/');
    const instanceId = key.slice(0, cut);
    const stream = key.slice(cut + 1);
    const ended = await db.transaction(async (tx) => {
      if (!(await clearStaleness(tx, instanceId, stream))) return false;
      await updateHealth(tx, instanceId, null, now);
      return true;
    });
    if (ended) report.cleared.push({ instanceId, stream });
  }
  return report;
}
