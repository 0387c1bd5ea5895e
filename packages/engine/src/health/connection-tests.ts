import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation, logOperations } from '../logs/log-operation.ts';
import type { InstanceRef } from '../metrics/metrics-buffer.ts';
import { recordOutcome } from './record-outcome.ts';

export interface TestOutcome {
  readonly ok: boolean;
  readonly latencyMs: number;
  /** Stored error details (`errorDetailsOf`). */
  readonly error: Record<string, unknown> | null;
  /** False when the connector declares no connection test: logged, not counted for health. */
  readonly testable?: boolean;
}

/**
 * Logs a connection test and counts it for health and metrics. Never throws: a test's answer must
 * not depend on bookkeeping.
 */
export async function recordConnectionTest(deps: EngineDeps, instance: InstanceRef, test: TestOutcome, userId?: string | null): Promise<void> {
  const now = deps.clock.now();
  const base = { organizationId: instance.organizationId, instanceId: instance.id, operation: logOperations.connectionTest, userId: userId ?? null, occurredAt: now };
  const code = typeof test.error?.code === 'string' ? test.error.code : undefined;
  const message = typeof test.error?.message === 'string' ? test.error.message : 'The connection test failed';
  try {
    await deps.database.db.transaction(async (tx) => {
      if (test.testable === false) {
        await logOperation(tx, { ...base, level: 'warning', message: `Connection test not available: ${message}`, details: { code: code ?? null } });
        return;
      }
      await logOperation(
        tx,
        test.ok
          ? { ...base, level: 'success', message: `Connection test succeeded in ${test.latencyMs} ms`, details: { latency_ms: test.latencyMs } }
          : { ...base, level: 'error', message: `Connection test failed: ${message}${code ? ` (${code})` : ''}`, details: { latency_ms: test.latencyMs, error: test.error } },
      );
      await recordOutcome(tx, instance, { ok: test.ok, at: now, operation: logOperations.connectionTest, error: test.error }, now);
    });
  } catch (error) {
    deps.log.error({ err: error, instanceId: instance.id }, 'recording a connection test failed');
  }
}
