import type { HealthState } from '@patchbay/store';

/** Consecutive failed operations that make an instance unhealthy. */
export const UNHEALTHY_AFTER = 3;

export type HealthReason = 'consecutive_failures' | 'recent_failure' | 'stale_streams' | 'throttled';

export interface HealthInputs {
  /** Failed operations (syncs, connection tests) since the last successful one. */
  readonly consecutiveFailures: number;
  /** Whether the instance has finished any operation yet. */
  readonly hasOutcome: boolean;
  readonly staleStreams: number;
  /** The latest sync was answered 429 by the vendor. */
  readonly rateLimited: boolean;
}

/**
 * unhealthy: 3 or more failures in a row. degraded: the latest operation failed (fewer than 3 in a
 * row), a stream is stale, or the vendor throttled the latest sync. unknown: nothing has run yet.
 */
export function deriveHealth(i: HealthInputs): { state: HealthState; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  if (i.consecutiveFailures >= UNHEALTHY_AFTER) reasons.push('consecutive_failures');
  else if (i.consecutiveFailures > 0) reasons.push('recent_failure');
  if (i.staleStreams > 0) reasons.push('stale_streams');
  if (i.rateLimited) reasons.push('throttled');
  if (i.consecutiveFailures >= UNHEALTHY_AFTER) return { state: 'unhealthy', reasons };
  if (reasons.length > 0) return { state: 'degraded', reasons };
  return { state: i.hasOutcome ? 'healthy' : 'unknown', reasons };
}

/** The log level a transition into a state is written with. */
export function levelOf(state: HealthState): 'success' | 'warning' | 'error' | 'info' {
  return state === 'healthy' ? 'success' : state === 'degraded' ? 'warning' : state === 'unhealthy' ? 'error' : 'info';
}

/** Prometheus encoding of a state (patchbay_instance_health). */
export const healthGaugeValue: Record<HealthState, number> = { unknown: 0, healthy: 1, degraded: 2, unhealthy: 3 };
