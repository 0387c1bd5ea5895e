import type { Fault, FaultKind, InjectTiming } from '@patchbay/conformance';

interface Pending {
  readonly fault: Fault;
  /** API requests still to let through before the fault may apply. */
  wait: number;
  /** Answers still to give (server-errors give `count`). */
  left: number;
}

/** Page faults need a request that continues a listing (one that carries a `$skiptoken`). */
function applies(kind: FaultKind, continuation: boolean): boolean {
  return kind === 'empty-page' ? continuation : true;
}

/** Faults the conformance suite injected, waiting for the API request they apply to (at most one per request). */
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
