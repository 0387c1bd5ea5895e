import type { Fault, FaultKind, InjectTiming } from '@patchbay/conformance';

interface Pending {
  readonly fault: Fault;
  wait: number;
  left: number;
}

/** Page faults need a continuation: a request carrying a scroll `offset` or an `after` token. */
function applies(kind: FaultKind, continuation: boolean): boolean {
  return kind === 'expire-page-token' || kind === 'empty-page' ? continuation : true;
}

/** Faults the conformance suite injected, waiting for a request they apply to (at most one per request). */
export class FaultQueue {
  #pending: Pending[] = [];

  add(fault: Fault, timing: InjectTiming = {}): void {
    this.#pending.push({ fault, wait: timing.afterRequests ?? 0, left: fault.kind === 'server-errors' ? fault.count : 1 });
  }

  take(continuation: boolean): Fault | undefined {
    let chosen: Pending | undefined;
    for (const pending of this.#pending) {
      if (pending.wait > 0) pending.wait -= 1;
      else if (!chosen && applies(pending.fault.kind, continuation)) chosen = pending;
    }
    if (!chosen) return undefined;
    chosen.left -= 1;
    if (chosen.left <= 0) this.#pending = this.#pending.filter((p) => p !== chosen);
    return chosen.fault;
  }
}
