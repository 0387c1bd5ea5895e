import type { Clock } from '@patchbay/types';

/** How a collection makes, keys and times its records. */
export interface RecordKind<T> {
  /** Record number `n` (1-based), stamped `at` (ISO), at its `revision`; `previous` when it is an update. */
  make(n: number, at: string, revision: number, previous?: T): T;
  key(record: T): string;
  time(record: T): string;
}

interface Entry<T> {
  readonly n: number;
  readonly revision: number;
  readonly record: T;
}

const MINUTE = 60_000;

/**
 * The simulated vendor's records of one kind: seeded in the past a minute apart, created, changed and
 * deleted "now" by the vendor's clock, listed in (time, key) order.
 */
export class Collection<T> {
  readonly #clock: Clock;
  readonly #kind: RecordKind<T>;
  readonly #entries = new Map<string, Entry<T>>();
  #serial = 0;

  constructor(clock: Clock, kind: RecordKind<T>) {
    this.#clock = clock;
    this.#kind = kind;
  }

  #put(n: number, at: number, revision: number, previous?: T): void {
    const record = this.#kind.make(n, new Date(at).toISOString(), revision, previous);
    this.#entries.set(this.#kind.key(record), { n, revision, record });
  }

  /** Adds `count` records ending a minute before now; with `equalEvery`, each page boundary shares a timestamp. */
  seed(count: number, equalEvery?: number): void {
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      if (k > 0 && !(equalEvery !== undefined && k % equalEvery === 0)) at += MINUTE;
      this.#put(++this.#serial, at, 1);
    }
  }

  /** Updates the oldest records, deletes the next oldest, creates new ones; all stamped now. */
  mutate(change: { readonly create?: number; readonly update?: number; readonly delete?: number }): void {
    const now = this.#clock.now().getTime();
    const oldest = this.#sorted();
    const updated = oldest.slice(0, change.update ?? 0);
    for (const entry of updated) this.#put(entry.n, now, entry.revision + 1, entry.record);
    for (const entry of oldest.slice(updated.length, updated.length + (change.delete ?? 0))) this.#entries.delete(this.#kind.key(entry.record));
    for (let i = 0; i < (change.create ?? 0); i++) this.#put(++this.#serial, now, 1);
  }

  /** Replaces one record (an action changed it), keeping its number and bumping its revision. */
  replace(key: string, change: (record: T, now: string) => T): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    const record = change(entry.record, this.#clock.now().toISOString());
    this.#entries.set(key, { n: entry.n, revision: entry.revision + 1, record });
    return record;
  }

  get(key: string): T | undefined {
    return this.#entries.get(key)?.record;
  }

  #sorted(): Entry<T>[] {
    const time = (e: Entry<T>) => this.#kind.time(e.record);
    const key = (e: Entry<T>) => this.#kind.key(e.record);
    return [...this.#entries.values()].sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /** Records with times in [from, to], ordered by (time, key). */
  list(range: { readonly from?: number; readonly to?: number } = {}): T[] {
    return this.#sorted()
      .map((e) => e.record)
      .filter((r) => {
        const at = Date.parse(this.#kind.time(r));
        return (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to);
      });
  }

  /** Records ordered by key (the host scroll's order). */
  byKey(): T[] {
    return [...this.#entries.values()].map((e) => e.record).sort((a, b) => (this.#kind.key(a) < this.#kind.key(b) ? -1 : 1));
  }
}

/** A 32-hex-character id for record `n` of a kind (`prefix` one hex digit). */
export function hexId(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(31, '0')}`;
}

export const SIMULATED_CID = 'c1d0000000000000000000000000cafe';
