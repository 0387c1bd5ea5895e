import type { Clock } from '@patchbay/types';

/** CrowdStrike's per-customer budget as its gateway reports it (X-RateLimit-Limit). */
export const RATE_LIMIT = 6000;

/**
 * The per-minute request window behind the X-RateLimit-* headers every Falcon answer carries
 * (X-RateLimit-Limit, X-RateLimit-Remaining; on a 429 also X-RateLimit-RetryAfter, in epoch seconds).
 */
export class RateWindow {
  readonly #clock: Clock;
  #windowStart = 0;
  #used = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Counts a request and returns the headers for its answer. */
  count(): Record<string, string> {
    const now = this.#clock.now().getTime();
    if (now - this.#windowStart >= 60_000) {
      this.#windowStart = now;
      this.#used = 0;
    }
    this.#used += 1;
    return { 'x-ratelimit-limit': String(RATE_LIMIT), 'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - this.#used)) };
  }

  /** The headers of a 429: nothing left, and when to come back (epoch seconds, at least `seconds` away). */
  exhausted(seconds: number): Record<string, string> {
    const retryAt = Math.ceil(this.#clock.now().getTime() / 1000) + seconds;
    return { 'x-ratelimit-limit': String(RATE_LIMIT), 'x-ratelimit-remaining': '0', 'x-ratelimit-retryafter': String(retryAt) };
  }
}
