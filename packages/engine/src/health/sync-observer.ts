import type { HttpMetrics } from '@patchbay/sdk';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation, logOperations } from '../logs/log-operation.ts';
import { isRefusedRun, syncFinishedEntry, syncStartedEntry } from '../logs/sync-entries.ts';
import type { EngineMetrics } from '../metrics/engine-metrics.ts';
import type { MetricsBuffer } from '../metrics/metrics-buffer.ts';
import { isThrottlingEvent } from '../metrics/metric-values.ts';
import type { ExecutionRow } from '../sync/executions.ts';
import type { SyncObserver } from '../sync/sync-service.ts';
import { clearStaleness } from './freshness.ts';
import { recordOutcome } from './record-outcome.ts';

export interface ObservabilityObserver extends SyncObserver {
  /** Optional: when the sync service calls it, the "started" entry is written as the run starts. */
  executionStarted(instance: InstanceRow, execution: ExecutionRow): Promise<void>;
  executionFinished(instance: InstanceRow, execution: ExecutionRow): Promise<void>;
  httpMetrics(instance: InstanceRow, metrics: HttpMetrics): void;
}

/**
 * The sync service's observer: HTTP attempts go to the in-memory buffer and the Prometheus counters;
 * each finished execution writes its log entries, its operation count and the instance's health in
 * one transaction (and ends a staleness episode of its stream when it completed). Never throws into
 * the sync.
 */
export function createSyncObserver(deps: EngineDeps, buffer: MetricsBuffer, counters: EngineMetrics): ObservabilityObserver {
  const { db } = deps.database;
  const startLogged = new Set<string>();
  const labels = (i: InstanceRow) => ({ instanceId: i.id, connectorId: i.connectorId });

  return {
    httpMetrics(instance, m) {
      buffer.record(instance, m);
      counters.inc('apiCalls', labels(instance));
      if (m.code !== undefined) counters.inc('apiErrors', labels(instance));
      if (isThrottlingEvent(m)) counters.inc('throttlingEvents', labels(instance));
      counters.inc('bytes', labels(instance), m.bytes);
    },

    async executionStarted(_instance, execution) {
      try {
        await logOperation(db, syncStartedEntry(execution, deps.clock.now()));
        startLogged.add(execution.id);
      } catch (error) {
        deps.log.error({ err: error, executionId: execution.id }, 'logging a sync start failed');
      }
    },

    async executionFinished(instance, row) {
      try {
        const now = deps.clock.now();
        const rateLimited = buffer.takeRateLimited(instance.id);
        await buffer.flush();
        const entries = startLogged.delete(row.id) ? [] : [syncStartedEntry(row, now)];
        entries.push(syncFinishedEntry(row, now));
        await db.transaction(async (tx) => {
          await logOperation(tx, ...entries);
          if ((row.status !== 'completed' && row.status !== 'failed') || isRefusedRun(row)) return;
          const ok = row.status === 'completed';
          if (ok && (await clearStaleness(tx, row.instanceId, row.stream))) {
            await logOperation(tx, { organizationId: row.organizationId, instanceId: row.instanceId, level: 'success', operation: logOperations.freshness, message: `Stream ${row.stream} is fresh again`, details: { stream: row.stream }, syncId: row.id, occurredAt: now });
          }
          const at = row.endedAt ?? now;
          await recordOutcome(tx, instance, { ok, at, operation: logOperations.sync, syncId: row.id, error: row.errorDetails, rateLimited, records: row.recordsProcessed }, now);
        });
        counters.inc('syncExecutions', labels(instance));
        counters.inc('recordsSynced', labels(instance), row.recordsProcessed);
        if (row.status === 'failed' && !isRefusedRun(row)) counters.inc('syncFailures', labels(instance));
      } catch (error) {
        deps.log.error({ err: error, executionId: row.id }, 'recording a finished sync failed');
      }
    },
  };
}
