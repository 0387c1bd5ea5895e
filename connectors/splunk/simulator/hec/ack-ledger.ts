import type { Clock } from '@patchbay/types';

/**
 * Indexer acknowledgement as HEC keeps it ("About HTTP Event Collector Indexer Acknowledgment",
 * https://docs.splunk.com/Documentation/Splunk/latest/Data/AboutHECIDXAck): every request accepted on a
 * channel gets the channel's next ackId (from 0); the ack turns true once the request is indexed (here,
 * `delayMs` of the clock after it was accepted); an ackId reported true is released, and asking about it
 * again (or about one never issued) answers false.
 */
export class AckLedger {
  readonly #clock: Clock;
  readonly #channels = new Map<string, { next: number; pending: Map<number, number> }>();
  delayMs: number;

  constructor(clock: Clock, delayMs: number) {
    this.#clock = clock;
    this.delayMs = delayMs;
  }

  /** Records an accepted request; returns its ackId and when it counts as indexed. */
  issue(channel: string): { ackId: number; indexedAt: number } {
    let state = this.#channels.get(channel);
    if (!state) this.#channels.set(channel, (state = { next: 0, pending: new Map() }));
    const ackId = state.next++;
    const indexedAt = this.#clock.now().getTime() + this.delayMs;
    state.pending.set(ackId, indexedAt);
    return { ackId, indexedAt };
  }

  /** The status of each asked ackId; the true ones are released. */
  query(channel: string, ackIds: readonly number[]): Record<string, boolean> {
    const state = this.#channels.get(channel);
    const now = this.#clock.now().getTime();
    const out: Record<string, boolean> = {};
    for (const id of ackIds) {
      const at = state?.pending.get(id);
      const done = at !== undefined && at <= now;
      if (done) state!.pending.delete(id);
      out[String(id)] = done;
    }
    return out;
  }
}
