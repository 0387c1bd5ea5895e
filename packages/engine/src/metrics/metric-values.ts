import type { HttpMetrics } from '@patchbay/sdk';
import { errorCodes } from '@patchbay/types';

/** One hour: the period of a ConnectorMetrics row. */
export const PERIOD_MS = 3_600_000;

export function periodStartOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / PERIOD_MS) * PERIOD_MS);
}

/** The additive columns of a ConnectorMetrics row. */
export interface MetricSums {
  apiCalls: number;
  apiErrors: number;
  unavailableCalls: number;
  responseTimeMsTotal: number;
  bytes: number;
  throttlingEvents: number;
  throttledMs: number;
  operations: number;
  failedOperations: number;
  recordsProcessed: number;
}

export const sumKeys = ['apiCalls', 'apiErrors', 'unavailableCalls', 'responseTimeMsTotal', 'bytes', 'throttlingEvents', 'throttledMs', 'operations', 'failedOperations', 'recordsProcessed'] as const satisfies readonly (keyof MetricSums)[];

export function emptySums(): MetricSums {
  return { apiCalls: 0, apiErrors: 0, unavailableCalls: 0, responseTimeMsTotal: 0, bytes: 0, throttlingEvents: 0, throttledMs: 0, operations: 0, failedOperations: 0, recordsProcessed: 0 };
}

/** The vendor answered 429 (or the client reported it as rate limiting). */
export function isRateLimitedResponse(m: HttpMetrics): boolean {
  return m.status === 429 || m.code === 'VENDOR_RATE_LIMITED';
}

/** A throttling event: the vendor answered 429, or the rate limiter held the attempt back. */
export function isThrottlingEvent(m: HttpMetrics): boolean {
  return isRateLimitedResponse(m) || m.throttledMs > 0;
}

/** The vendor did not serve the attempt: a 5xx, or no answer for a transient reason (timeout, network). */
export function isUnavailable(m: HttpMetrics): boolean {
  if (m.status !== undefined) return m.status >= 500;
  return m.code !== undefined && m.code !== 'REQUEST_CANCELLED' && errorCodes[m.code].kind === 'transient';
}

/** Adds one HTTP attempt to a bucket's sums. */
export function addAttempt(sums: MetricSums, m: HttpMetrics): void {
  sums.apiCalls += 1;
  if (m.code !== undefined) sums.apiErrors += 1;
  if (isUnavailable(m)) sums.unavailableCalls += 1;
  sums.responseTimeMsTotal += Math.max(0, Math.round(m.durationMs));
  sums.bytes += Math.max(0, m.bytes);
  if (isThrottlingEvent(m)) sums.throttlingEvents += 1;
  sums.throttledMs += Math.max(0, Math.round(m.throttledMs));
}

export interface MetricValues extends MetricSums {
  /** Share of API calls the vendor served; without API calls, share of operations that succeeded. */
  readonly availabilityPercentage: number | null;
  readonly averageResponseTimeMs: number | null;
  /** Share of operations (syncs, connection tests) that failed. */
  readonly errorRate: number | null;
}

const pct = (part: number, whole: number) => Math.round((10_000 * part) / whole) / 100;

export function valuesOf(sums: MetricSums): MetricValues {
  const availabilityPercentage = sums.apiCalls > 0 ? pct(sums.apiCalls - sums.unavailableCalls, sums.apiCalls) : sums.operations > 0 ? pct(sums.operations - sums.failedOperations, sums.operations) : null;
  return {
    ...sums,
    availabilityPercentage,
    averageResponseTimeMs: sums.apiCalls > 0 ? Math.round(sums.responseTimeMsTotal / sums.apiCalls) : null,
    errorRate: sums.operations > 0 ? pct(sums.failedOperations, sums.operations) : null,
  };
}
