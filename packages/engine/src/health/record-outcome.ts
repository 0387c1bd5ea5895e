import type { Db } from '@patchbay/store';
import { addToMetrics } from '../metrics/write-metrics.ts';
import { emptySums, periodStartOf } from '../metrics/metric-values.ts';
import type { InstanceRef } from '../metrics/metrics-buffer.ts';
import { updateHealth, type HealthChange, type Outcome } from './update-health.ts';

/**
 * Counts a finished operation in its hour's ConnectorMetrics and updates health, in the caller's
 * transaction (so the log entries written beside them commit together).
 */
export async function recordOutcome(tx: Db, instance: InstanceRef, outcome: Outcome & { readonly records?: number }, now: Date): Promise<HealthChange | undefined> {
  const change = await updateHealth(tx, instance.id, outcome, now);
  if (!change) return undefined;
  const sums = { ...emptySums(), operations: 1, failedOperations: outcome.ok ? 0 : 1, recordsProcessed: outcome.records ?? 0 };
  await addToMetrics(tx, [{ organizationId: instance.organizationId, instanceId: instance.id, connectorId: instance.connectorId, periodStart: periodStartOf(outcome.at), ...sums }], now);
  return change;
}
