import type { Clock } from '@patchbay/types';

/** A record of the simulated API (hand-written shape, documented in the README). */
export interface SimulatedRecord {
  readonly id: string;
  readonly updated_at: string;
  readonly title: string;
  readonly summary: string;
  readonly severity: string;
  readonly details: { readonly host: string; readonly tags: readonly string[]; readonly score: number };
  readonly revision: number;
}

export interface ListFilter {
  readonly since?: number;
  readonly until?: number;
  readonly newestFirst: boolean;
}

const MINUTE = 60_000;
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];

function compare(a: SimulatedRecord, b: SimulatedRecord): number {
  return a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The simulated vendor's records: seeded in the past, created and changed "now" by the vendor's clock. */
export class Dataset {
  readonly #clock: Clock;
  readonly #records = new Map<string, SimulatedRecord>();
  #serial = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  #make(at: number, revision = 1, id = `rec-${String(++this.#serial).padStart(5, '0')}`): SimulatedRecord {
    const n = Number(id.slice(4));
    return {
      id,
      updated_at: new Date(at).toISOString(),
      title: `Record ${n}`,
      summary: `Record ${n}, revision ${revision}`,
      severity: SEVERITIES[n % SEVERITIES.length]!,
      details: { host: `host-${n % 7}.example.test`, tags: [`group-${n % 3}`], score: (n * 37) % 100 },
      revision,
    };
  }

  /**
   * Adds `count` records a minute apart, ending a minute before now. With `equalAt`, the records on
   * either side of each page boundary (in the order a listing serves them) share one timestamp.
   */
  seed(count: number, equalAt?: { readonly pageSize: number; readonly newestFirst: boolean }): void {
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      const boundary = equalAt !== undefined && k > 0 && (equalAt.newestFirst ? (count - k) % equalAt.pageSize === 0 : k % equalAt.pageSize === 0);
      if (k > 0 && !boundary) at += MINUTE;
      const record = this.#make(at);
      this.#records.set(record.id, record);
    }
  }

  /** Updates the oldest records, deletes the next oldest, creates new ones; changes are stamped now. */
  mutate(change: { readonly create?: number; readonly update?: number; readonly delete?: number }): void {
    const now = this.#clock.now().getTime();
    const oldest = this.list({ newestFirst: false });
    for (const record of oldest.slice(0, change.update ?? 0)) this.#records.set(record.id, this.#make(now, record.revision + 1, record.id));
    const removed = oldest.slice(change.update ?? 0, (change.update ?? 0) + (change.delete ?? 0));
    for (const record of removed) this.#records.delete(record.id);
    for (let i = 0; i < (change.create ?? 0); i++) {
      const record = this.#make(now);
      this.#records.set(record.id, record);
    }
  }

  /** Records in `[since, until]` by updated_at, oldest or newest first (ties by id). */
  list(filter: ListFilter): SimulatedRecord[] {
    const inRange = [...this.#records.values()].filter((r) => {
      const at = Date.parse(r.updated_at);
      return (filter.since === undefined || at >= filter.since) && (filter.until === undefined || at <= filter.until);
    });
    inRange.sort(compare);
    return filter.newestFirst ? inRange.reverse() : inRange;
  }
}
