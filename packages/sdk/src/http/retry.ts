import type { PatchbayError } from '@patchbay/types';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4). */
  readonly maxAttempts: number;
  /** Backoff base: the nth retry waits a random time up to base × 2^(n-1) (default 500 ms). */
  readonly baseDelayMs: number;
  /** Backoff ceiling (default 30 s). */
  readonly maxDelayMs: number;
  /**
   * A vendor asking to wait longer than this (Retry-After) is not waited for here: the error goes to
   * the caller with retryAfterMs, so the engine can reschedule (default 2 min).
   */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Exponential backoff with full jitter: uniform in [0, min(max, base × 2^(attempt-1))). */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before retrying after `attempt` failed with `error`, or undefined to give up:
 * only retryable outcomes, within the attempt budget, never past the vendor's wait we accept.
 * The vendor's Retry-After is a floor under the jittered backoff.
 */
export function retryDelay(
  error: PatchbayError,
  attempt: number,
  maxAttempts: number,
  options: RetryOptions,
  random: () => number,
): number | undefined {
  if (!error.retryable || error.code === 'CIRCUIT_OPEN' || attempt >= maxAttempts) return undefined;
  const asked = error.retryAfterMs;
  if (asked !== undefined && asked > options.maxRetryAfterMs) return undefined;
  return Math.max(asked ?? 0, backoffDelay(attempt, options, random));
}
