import { PatchbayError, type Clock } from '@patchbay/types';
import { pauseAfter } from './rate-limit-headers.ts';

/**
 * The budget of one installation. The default keeps it in memory; the engine may give one backed by
 * PostgreSQL so every worker shares the budget.
 */
export interface RateLimiter {
  /**
   * Waits until `n` requests may start and resolves with the milliseconds waited. Rejects with the
   * signal's reason when it aborts, and with VENDOR_RATE_LIMITED (retryAfterMs set) when the wait would
   * be longer than `maxWaitMs`.
   */
  acquire(n: number, signal?: AbortSignal, maxWaitMs?: number): Promise<number>;
  /** Learns from a vendor answer: 429 with Retry-After, or no requests left before the window resets. */
  observe(response: { readonly status: number; readonly headers: Headers }): void;
}

export interface RateLimits {
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly perHour?: number;
  readonly perDay?: number;
  /** Capacity of the shortest window (requests allowed at once); default its full limit. */
  readonly burst?: number;
}

interface Bucket {
  readonly capacity: number;
  readonly perMs: number;
  tokens: number;
}

/** Float slack so a wait computed to the millisecond is enough once it has passed. */
const EPSILON = 1e-6;

const WINDOWS = [
  ['perSecond', 1_000],
  ['perMinute', 60_000],
  ['perHour', 3_600_000],
  ['perDay', 86_400_000],
] as const;

/** Token buckets, one per declared window; a request takes a token from each. Waiters go in order. */
export class TokenBucketLimiter implements RateLimiter {
  readonly #clock: Clock;
  readonly #buckets: Bucket[] = [];
  #last: number;
  #pausedUntil = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  constructor(limits: RateLimits, clock: Clock) {
    this.#clock = clock;
    this.#last = clock.now().getTime();
    for (const [key, windowMs] of WINDOWS) {
      const limit = limits[key];
      if (limit === undefined) continue;
      if (!(limit > 0)) throw new RangeError(`Rate limit ${key} must be positive`);
      const capacity = this.#buckets.length === 0 && limits.burst !== undefined ? Math.max(1, limits.burst) : limit;
      this.#buckets.push({ capacity, perMs: limit / windowMs, tokens: capacity });
    }
  }

  acquire(n: number, signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<number> {
    try {
      if (this.#waiting === 0 && this.#wait(n) === 0) {
        this.#take(n);
        return Promise.resolve(0);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    this.#waiting++;
    const turn = this.#queue.then(() => this.#waitAndTake(n, signal, maxWaitMs));
    this.#queue = turn.catch(() => undefined).finally(() => this.#waiting--);
    return turn;
  }

  observe(response: { readonly status: number; readonly headers: Headers }): void {
    const now = this.#clock.now().getTime();
    const pause = pauseAfter(response.status, response.headers, now);
    if (pause !== undefined && pause > 0) this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
  }

  async #waitAndTake(n: number, signal: AbortSignal | undefined, maxWaitMs: number): Promise<number> {
    const started = this.#clock.now().getTime();
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.#wait(n);
      if (wait === 0) {
        this.#take(n);
        return this.#clock.now().getTime() - started;
      }
      const waited = this.#clock.now().getTime() - started;
      if (waited + wait > maxWaitMs) {
        throw new PatchbayError('VENDOR_RATE_LIMITED', {
          message: `The rate limit for this installation allows the next request in ${wait} ms, longer than the caller waits`,
          retryAfterMs: wait,
        });
      }
      await this.#clock.sleep(wait, signal);
    }
  }

  /** Milliseconds until `n` tokens are in every bucket and no pause is in force. */
  #wait(n: number): number {
    const now = this.#clock.now().getTime();
    this.#refill(now);
    let wait = Math.max(0, this.#pausedUntil - now);
    for (const bucket of this.#buckets) {
      if (n > bucket.capacity) throw new RangeError(`Cannot take ${n} requests at once from a bucket of ${bucket.capacity}`);
      if (bucket.tokens + EPSILON < n) wait = Math.max(wait, Math.ceil((n - bucket.tokens) / bucket.perMs));
    }
    return wait;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#last);
    this.#last = Math.max(this.#last, now);
    if (elapsed === 0) return;
    for (const bucket of this.#buckets) bucket.tokens = Math.min(bucket.capacity, bucket.tokens + elapsed * bucket.perMs);
  }

  #take(n: number): void {
    for (const bucket of this.#buckets) bucket.tokens -= n;
  }
}

export function createRateLimiter(limits: RateLimits, clock: Clock): RateLimiter {
  return new TokenBucketLimiter(limits, clock);
}
