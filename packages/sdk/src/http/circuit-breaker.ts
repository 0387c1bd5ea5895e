import { PatchbayError, type Clock } from '@patchbay/types';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * One per installation. `enter` before each attempt; then exactly one of `success`, `failure` (the
 * vendor is failing: 5xx, timeout, network) or `release` (the call ended without telling: cancelled,
 * refused before sending).
 */
export interface CircuitBreaker {
  /** Throws CIRCUIT_OPEN while open, and while the half-open probe is in flight. */
  enter(): void;
  success(): void;
  failure(): void;
  release(): void;
  readonly state: BreakerState;
}

export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays open before one probe may go (default 30 s). */
  readonly cooldownMs?: number;
  readonly onStateChange?: (state: BreakerState) => void;
}

export class ConsecutiveFailureBreaker implements CircuitBreaker {
  readonly #clock: Clock;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #onStateChange: ((state: BreakerState) => void) | undefined;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probing = false;

  constructor(options: BreakerOptions, clock: Clock) {
    this.#clock = clock;
    this.#threshold = Math.max(1, options.failureThreshold ?? 5);
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#onStateChange = options.onStateChange;
  }

  get state(): BreakerState {
    return this.#state;
  }

  enter(): void {
    if (this.#state === 'closed') return;
    if (this.#state === 'open') {
      const remaining = this.#openedAt + this.#cooldownMs - this.#clock.now().getTime();
      if (remaining > 0) throw this.#openError(remaining);
      this.#set('half-open');
    }
    if (this.#probing) throw this.#openError(0);
    this.#probing = true;
  }

  success(): void {
    this.#failures = 0;
    if (this.#state === 'half-open') {
      this.#probing = false;
      this.#set('closed');
    }
  }

  failure(): void {
    if (this.#state === 'open') return;
    if (this.#state === 'half-open') {
      this.#probing = false;
      this.#open();
      return;
    }
    this.#failures++;
    if (this.#failures >= this.#threshold) this.#open();
  }

  release(): void {
    if (this.#state === 'half-open') this.#probing = false;
  }

  #open(): void {
    this.#openedAt = this.#clock.now().getTime();
    this.#failures = 0;
    this.#set('open');
  }

  #set(state: BreakerState): void {
    this.#state = state;
    this.#onStateChange?.(state);
  }

  #openError(remainingMs: number): PatchbayError {
    return new PatchbayError('CIRCUIT_OPEN', {
      message: `Calls to the vendor are paused after ${this.#threshold} consecutive failures`,
      hint: 'The vendor API has been failing; calls resume on their own after a short pause.',
      retryAfterMs: remainingMs,
    });
  }
}

export function createCircuitBreaker(options: BreakerOptions, clock: Clock): CircuitBreaker {
  return new ConsecutiveFailureBreaker(options, clock);
}
