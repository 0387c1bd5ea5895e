import { PatchbayError, type Clock } from '@patchbay/types';
import { rateLimitWindow, retryAfterMs, type RateLimiter, type RateLimits } from '@patchbay/sdk';
import type { Database } from '@patchbay/store';
import type { Logger } from '../lib/logger.ts';
import { ensureBuckets, leaseTokens, pauseBudget, planBudget, returnTokens, type BudgetPlan } from './rate-budget.ts';

/** How long to hold every request back after a vendor answer (429/503 with Retry-After, or none left). */
function pauseAfter(status: number, headers: Headers, nowMs: number): number | undefined {
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(headers, nowMs);
    if (wait !== undefined) return wait;
  }
  const window = rateLimitWindow(headers, nowMs);
  if (window.remaining !== undefined && window.remaining <= 0) return window.resetInMs;
  return status === 429 ? window.resetInMs : undefined;
}

export interface SharedRateLimiterOptions {
  readonly database: Database;
  readonly clock: Clock;
  readonly log: Logger;
  /** Whose budget: one per installation (`instance:<id>`). */
  readonly key: string;
  readonly limits: RateLimits;
}

/**
 * The SDK's RateLimiter over a budget shared through PostgreSQL. Tokens are leased in batches (one round
 * trip per batch, not per request) and expire unused after a short TTL that the stored capacities
 * account for (see `planBudget`); a vendor's "wait" pauses every worker on the budget. Callers take
 * turns in order, like the in-process limiter.
 */
export class SharedRateLimiter implements RateLimiter {
  readonly #options: SharedRateLimiterOptions;
  readonly #plan: BudgetPlan;
  #ensured: Promise<void> | undefined;
  #tokens = 0;
  #expiresAt = 0;
  #pausedUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** Round trips to the shared budget (tests, metrics). */
  leases = 0;

  constructor(options: SharedRateLimiterOptions) {
    this.#options = options;
    this.#plan = planBudget(options.limits);
  }

  get plan(): BudgetPlan {
    return this.#plan;
  }

  acquire(n: number, signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<number> {
    const turn = this.#queue.then(() => this.#take(n, signal, maxWaitMs));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  observe(response: { readonly status: number; readonly headers: Headers }): void {
    const now = this.#options.clock.now().getTime();
    const pause = pauseAfter(response.status, response.headers, now);
    if (pause === undefined || pause <= 0) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
    this.#tokens = 0;
    pauseBudget(this.#options.database, this.#options.key, new Date(now + pause)).catch((error: unknown) => this.#options.log.warn({ err: error, budget: this.#options.key }, 'could not share a rate-limit pause'));
  }

  /** Gives unused leased tokens back to the budget (end of a run). */
  async release(): Promise<void> {
    const left = this.#options.clock.now().getTime() < this.#expiresAt ? Math.floor(this.#tokens) : 0;
    this.#tokens = 0;
    if (left > 0) await returnTokens(this.#options.database, this.#options.key, left);
  }

  async #take(n: number, signal: AbortSignal | undefined, maxWaitMs: number): Promise<number> {
    const { clock, database, key } = this.#options;
    const smallest = Math.min(...this.#plan.buckets.map((b) => b.capacity));
    if (n > smallest) throw new RangeError(`Cannot take ${n} requests at once from a budget of ${Math.floor(smallest)}`);
    const started = clock.now().getTime();
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now().getTime();
      let wait = this.#pausedUntil - now;
      if (wait <= 0) {
        if (now < this.#expiresAt && this.#tokens >= n) {
          this.#tokens -= n;
          return now - started;
        }
        this.#ensured ??= ensureBuckets(database, key, this.#plan.buckets, new Date(now));
        await this.#ensured;
        // A whole batch or nothing: when the budget is drained, workers wait for a batch to refill
        // instead of leasing single tokens, so a saturated budget still costs one round trip per batch.
        const batch = Math.max(n, this.#plan.batch);
        const answer = await leaseTokens(database, key, batch, batch, new Date(now));
        this.leases++;
        if (answer.granted >= n) {
          this.#tokens = answer.granted - n;
          this.#expiresAt = now + this.#plan.leaseTtlMs;
          return clock.now().getTime() - started;
        }
        wait = answer.waitMs;
      }
      if (now - started + wait > maxWaitMs) {
        throw new PatchbayError('VENDOR_RATE_LIMITED', { message: `The shared rate limit of this installation allows the next request in ${wait} ms, longer than the caller waits`, retryAfterMs: wait });
      }
      await clock.sleep(wait, signal);
    }
  }
}
