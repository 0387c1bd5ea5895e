import type { Fault, FaultKind, InjectTiming } from '@patchbay/conformance';

interface Waiting {
  readonly fault: Fault;
  /** Requests to let through before the fault may apply. */
  skip: number;
  /** Answers still to spoil (a burst of server errors spoils `count`). */
  remaining: number;
}

/** An expired "page token" is an export that vanished: only requests naming an export can meet it. */
function fits(kind: FaultKind, namesExport: boolean): boolean {
  return kind === 'expire-page-token' ? namesExport : true;
}

/** Faults injected by the conformance suite, each waiting for a request it applies to. */
export class FaultQueue {
  #waiting: Waiting[] = [];

  add(fault: Fault, timing: InjectTiming = {}): void {
    this.#waiting.push({ fault, skip: timing.afterRequests ?? 0, remaining: fault.kind === 'server-errors' ? fault.count : 1 });
  }

  /** The fault for this request, if any; every waiting fault counts the request. */
  next(namesExport: boolean): Fault | undefined {
    let hit: Waiting | undefined;
    for (const waiting of this.#waiting) {
      if (waiting.skip > 0) waiting.skip -= 1;
      else if (hit === undefined && fits(waiting.fault.kind, namesExport)) hit = waiting;
    }
    if (hit === undefined) return undefined;
    hit.remaining -= 1;
    if (hit.remaining === 0) this.#waiting = this.#waiting.filter((w) => w !== hit);
    return hit.fault;
  }
}
