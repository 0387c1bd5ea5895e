import type { HealthState } from '@patchbay/store';
import type { InstanceService } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { PageRequest } from '../lib/pagination.ts';
import { logOperation, type LogEntry } from '../logs/log-operation.ts';
import { readLogs, type LogFilter } from '../logs/read-logs.ts';
import { createEngineMetrics, type EngineCounter } from '../metrics/engine-metrics.ts';
import { createMetricsBuffer, DEFAULT_FLUSH_EVERY_MS } from '../metrics/metrics-buffer.ts';
import { effectiveRange, metricsByInstance, metricsSeries, metricsTotals, type Granularity, type MetricsRange } from '../metrics/read-metrics.ts';
import { prune } from '../retention/prune.ts';
import { defaultRetentionPolicy, type RetentionPolicy } from '../retention/retention-policy.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { checkFreshness, type IntervalResolver } from './freshness.ts';
import { getHealth, healthGauge, healthSummary, listHealth } from './read-health.ts';
import { createSyncObserver } from './sync-observer.ts';

export interface ObservabilityOptions {
  /** Buffered HTTP metrics reach the database at least this often (clock time); default 60 s. */
  readonly flushEveryMs?: number;
  /** A stream's effective interval for freshness; default: its active schedule, else its declared one. */
  readonly intervalFor?: IntervalResolver;
  /** What `prune` keeps (default: logs and executions 90 days, raw payloads 30). */
  readonly retention?: RetentionPolicy;
}

/**
 * Integration logs, health, connector metrics, freshness and retention over one database. `observer`
 * goes to the sync service; `checkFreshness` and `prune` are for the scheduler; `prometheus` is read
 * by the server's /metrics.
 */
export function createObservability(deps: EngineDeps, runtime: { registry: ConnectorRegistry; instances: InstanceService }, options: ObservabilityOptions = {}) {
  const { db } = deps.database;
  const counters = createEngineMetrics();
  const buffer = createMetricsBuffer(deps, options.flushEveryMs ?? DEFAULT_FLUSH_EVERY_MS);

  return {
    observer: createSyncObserver(deps, buffer, counters),
    logs: {
      list: (actor: Actor, filter: LogFilter) => readLogs(db, actor, filter),
      /** One instance's entries; another organisation's instance is NOT_FOUND. */
      async forInstance(actor: Actor, instanceId: string, filter: Omit<LogFilter, 'instanceId'>) {
        await runtime.instances.get(actor, instanceId);
        return readLogs(db, actor, { ...filter, instanceId });
      },
      /** Writes entries outside any other transaction (inside one, call `logOperation(tx, ...)`). */
      write: (...entries: LogEntry[]) => logOperation(db, ...entries),
    },
    health: {
      list: (actor: Actor, filter: PageRequest & { readonly state?: HealthState }) => listHealth(db, actor, filter),
      get: (actor: Actor, instanceId: string) => getHealth(db, actor, instanceId),
      summary: (actor: Actor) => healthSummary(db, actor),
    },
    metrics: {
      /** Every instance's totals over the range (since floored to the hour), paged by instance id. */
      async byInstance(actor: Actor, range: MetricsRange, page: PageRequest) {
        const effective = effectiveRange(range);
        return { range: effective, page: await metricsByInstance(db, actor, effective, page) };
      },
      async series(actor: Actor, instanceId: string, range: MetricsRange, granularity: Granularity, page: PageRequest) {
        const instance = await runtime.instances.get(actor, instanceId);
        const effective = effectiveRange(range);
        const totals = await metricsTotals(db, instance.id, effective);
        const series = await metricsSeries(db, instance.id, effective, granularity, page);
        return { instance, range: effective, totals, series };
      },
      /** Writes buffered HTTP metrics now (shutdown, tests). */
      flush: () => buffer.flush(),
    },
    prometheus: {
      counter: (name: EngineCounter) => counters.samples(name),
      health: () => healthGauge(db),
    },
    /** Flags stale streams and ends episodes that no longer apply; the scheduler's process runs it every minute. */
    checkFreshness: (now: Date = deps.clock.now()) => checkFreshness(deps, runtime.registry, now, options.intervalFor),
    /** Applies the retention policy; the scheduler's process runs it hourly. */
    prune: (now: Date = deps.clock.now(), policy: RetentionPolicy = options.retention ?? defaultRetentionPolicy) => prune(deps, now, policy),
  };
}

export type Observability = ReturnType<typeof createObservability>;
