import type { Fault, FaultKind, InjectTiming } from '@patchbay/conformance';

interface Pending {
  readonly fault: Fault;
  wait: number;
  left: number;
}

/** Page faults (an expired or empty page) only apply to a GetFindings request carrying a NextToken. */
function applies(kind: FaultKind, continuation: boolean): boolean {
  return kind === 'expire-page-token' || kind === 'empty-page' ? continuation : true;
}

/** Faults injected by the conformance suite, each waiting for the request it applies to. */
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
