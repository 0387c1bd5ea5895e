import type { Fault, FaultKind, InjectTiming } from '../simulator.ts';

/** Page faults: an expired or empty page needs a request that continues a listing. */
const DEFAULT_CONTINUATION_ONLY: readonly FaultKind[] = ['expire-page-token', 'empty-page'];

/**
 * The queue of faults a simulator keeps for `SimulatorHandle.inject`: the conformance suite injects a
 * fault (`inject(fault, { afterRequests })`) and the simulator asks, for each request it serves, which
 * fault (if any) that request gets:
 *
 * ```ts
 * const faults = new FaultQueue();
 * // in the request handler, for the requests faults may hit:
 * const fault = faults.take({ continuation: url.searchParams.has('cursor') });
 * // in the handle:
 * inject: (fault, timing) => faults.add(fault, timing),
 * ```
 *
 * The rules, in the order faults were injected:
 * - A fault first lets `afterRequests` requests through (every request the simulator asks about counts,
 *   whichever fault it gets).
 * - Then it waits for a request it applies to: a page fault (by default `expire-page-token` and
 *   `empty-page`) only applies to a continuation, a request that carries a page token; every other fault
 *   applies to any request. A request it does not apply to leaves it waiting.
 * - A request gets at most one fault: the earliest injected one that is due and applies. The others
 *   stay queued for later requests.
 * - `server-errors` answers `count` requests (each a separate `take`); every other fault answers one.
 *
 * Requests a simulator never asks about (a token endpoint, a stream it serves no data for) neither get a
 * fault nor count towards `afterRequests`: leave them out at the call site.
 */
export class FaultQueue {
  readonly #continuationOnly: ReadonlySet<FaultKind>;
  #pending: Pending[] = [];

  constructor(options: FaultQueueOptions = {}) {
    this.#continuationOnly = new Set(options.continuationOnly ?? DEFAULT_CONTINUATION_ONLY);
  }

  /** Queues `fault` behind those already injected. */
  add(fault: Fault, timing: InjectTiming = {}): void {
    this.#pending.push({ fault, wait: timing.afterRequests ?? 0, left: fault.kind === 'server-errors' ? fault.count : 1 });
  }

  /**
   * The fault this request gets, if any (at most one per request); counts the request for the faults
   * still letting requests through. Without `request`, the request is no continuation.
   */
  take(request: RequestTraits = { continuation: false }): Fault | undefined {
    let chosen: Pending | undefined;
    for (const pending of this.#pending) {
      if (pending.wait > 0) pending.wait -= 1;
      else if (!chosen && this.#applies(pending.fault.kind, request)) chosen = pending;
    }
    if (!chosen) return undefined;
    chosen.left -= 1;
    if (chosen.left <= 0) this.#pending = this.#pending.filter((p) => p !== chosen);
    return chosen.fault;
  }

  #applies(kind: FaultKind, request: RequestTraits): boolean {
    return this.#continuationOnly.has(kind) ? request.continuation : true;
  }
}

export interface FaultQueueOptions {
  /**
   * The fault kinds that only apply to a continuation request (default `expire-page-token` and
   * `empty-page`). A vendor whose page faults mean something else narrows this: `[]` when the
   * simulator never tells continuations apart, `['empty-page']` when an expired token is not a
   * page-token fault there.
   */
  readonly continuationOnly?: readonly FaultKind[];
}

/** What a request is, as far as faults care. */
export interface RequestTraits {
  /** It continues a listing: it carries a page token (or whatever the vendor continues with). */
  readonly continuation: boolean;
}

interface Pending {
  readonly fault: Fault;
  /** Requests still to let through before the fault may apply. */
  wait: number;
  /** Answers still to give (`server-errors` gives `count`, every other fault one). */
  left: number;
}
