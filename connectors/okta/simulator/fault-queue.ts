import type { Fault, InjectTiming } from '@patchbay/conformance';

interface Pending {
  readonly fault: Fault;
  wait: number;
  left: number;
}

/** Faults the conformance suite injects, applied to the next API requests (never to the token endpoint). */
export class FaultQueue {
  #pending: Pending[] = [];

  add(fault: Fault, timing: InjectTiming = {}): void {
    this.#pending.push({ fault, wait: timing.afterRequests ?? 0, left: fault.kind === 'server-errors' ? fault.count : 1 });
  }

  /** The fault for this request, if one is due; counts the request for the others. */
  take(): Fault | undefined {
    let chosen: Pending | undefined;
    for (const pending of this.#pending) {
      if (pending.wait > 0) pending.wait -= 1;
      else chosen ??= pending;
    }
    if (!chosen) return undefined;
    chosen.left -= 1;
    if (chosen.left <= 0) this.#pending = this.#pending.filter((p) => p !== chosen);
    return chosen.fault;
  }
}
