import type { Fault, FaultKind, InjectTiming } from '@patchbay/conformance';

interface Pending {
  fault: Fault;
  /** Requests still to let through before the fault may apply. */
  wait: number;
  /** Answers still to give (server-errors give `count`). */
  left: number;
}

/** What a request is, as far as faults care. */
export interface RequestTraits {
  /** It carries a page token (a continuation of a listing). */
  readonly continuation: boolean;
}

/** Faults apply only to requests they make sense for: an expired or empty page needs a continuation. */
function applies(kind: FaultKind, traits: RequestTraits): boolean {
  return kind === 'expire-page-token' || kind === 'empty-page' ? traits.continuation : true;
}

/** Faults injected by the conformance suite, waiting for the request they apply to. */
export class FaultQueue {
  #pending: Pending[] = [];

  add(fault: Fault, timing: InjectTiming = {}): void {
    this.#pending.push({ fault, wait: timing.afterRequests ?? 0, left: fault.kind === 'server-errors' ? fault.count : 1 });
  }

  /** The fault this request gets, if any (at most one per request); counts the request for the others. */
  take(traits: RequestTraits): Fault | undefined {
    let chosen: Pending | undefined;
    for (const pending of this.#pending) {
      if (pending.wait > 0) pending.wait -= 1;
      else if (!chosen && applies(pending.fault.kind, traits)) chosen = pending;
    }
    if (!chosen) return undefined;
    chosen.left -= 1;
    if (chosen.left <= 0) this.#pending = this.#pending.filter((p) => p !== chosen);
    return chosen.fault;
  }
}
