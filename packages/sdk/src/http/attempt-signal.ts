import type { Clock } from '@patchbay/types';

/** The reason the timer is stopped with: a plain value, so no DOMException (and stack) per request. */
const FINISHED = Symbol('attempt finished');

/**
 * The signal one attempt runs under: aborted when the caller's signal aborts or when `timeoutMs` of
 * clock time pass (the timer goes through `clock.sleep`, so tests drive it with a ManualClock).
 * `dispose` stops the timer and detaches from the caller's signal.
 */
export class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #timer = new AbortController();
  readonly #outer: AbortSignal | undefined;
  readonly #onOuterAbort = () => this.#controller.abort(this.#outer?.reason);
  #timedOut = false;

  constructor(clock: Clock, timeoutMs: number, outer: AbortSignal | undefined) {
    this.#outer = outer;
    if (outer?.aborted) this.#controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
    clock.sleep(timeoutMs, this.#timer.signal).then(
      () => {
        this.#timedOut = true;
        this.#controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      },
      () => undefined,
    );
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  get cancelled(): boolean {
    return this.#outer?.aborted ?? false;
  }

  dispose(): void {
    this.#timer.abort(FINISHED);
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }
}

/** One signal for the client-wide signal (`ctx.signal`) and the request's own. */
export function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}
