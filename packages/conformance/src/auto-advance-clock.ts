import { DEFAULT_TIMEOUT_MS } from '@patchbay/sdk';
import type { Clock } from '@patchbay/types';

interface HeldSleeper {
  readonly at: number;
  readonly resolve: () => void;
}

export interface AutoAdvanceClockOptions {
  /**
   * Sleeps this long or longer are held until the test advances the clock: they are the HTTP client's
   * per-attempt timeouts, which must not fire while a request is in flight (default: the client's timeout).
   */
  readonly holdFromMs?: number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/**
 * A test clock that never really waits: a sleep shorter than `holdFromMs` (Retry-After, backoff, rate
 * limits) moves time forward by its length at once and resolves; longer ones (timeouts) wait for
 * `advance`, as on a ManualClock. `waits` lists the sleeps that moved time, so a test can check that the
 * client honoured a Retry-After without anyone sleeping.
 */
export class AutoAdvanceClock implements Clock {
  #now: number;
  #held: HeldSleeper[] = [];
  readonly #holdFromMs: number;
  readonly #waits: number[] = [];

  constructor(start: Date | string | number = '2026-05-01T00:00:00.000Z', options: AutoAdvanceClockOptions = {}) {
    this.#now = new Date(start).getTime();
    this.#holdFromMs = options.holdFromMs ?? DEFAULT_TIMEOUT_MS;
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (ms <= 0) return Promise.resolve();
    if (ms < this.#holdFromMs) {
      this.#waits.push(ms);
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const sleeper: HeldSleeper = { at: this.#now + ms, resolve };
      this.#held.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#held = this.#held.filter((s) => s !== sleeper);
          reject(abortReason(signal));
        },
        { once: true },
      );
    });
  }

  /** Moves time forward and wakes the held sleepers whose time has come, oldest first. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#held.filter((s) => s.at <= this.#now).sort((a, b) => a.at - b.at);
    this.#held = this.#held.filter((s) => s.at > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }

  /** The sleeps that moved time forward, in order. */
  get waits(): readonly number[] {
    return this.#waits;
  }

  /** Sleepers held until `advance` (in-flight timeouts). */
  get held(): number {
    return this.#held.length;
  }
}
