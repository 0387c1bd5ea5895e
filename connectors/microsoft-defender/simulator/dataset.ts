import type { Clock } from '@patchbay/types';

/** A record of one simulated collection, with what the simulator orders and filters it by. */
export interface Entry<T> {
  readonly id: string;
  /** Serial number of the record (its id is derived from it). */
  readonly n: number;
  readonly createdAt: number;
  /** When it last changed: Graph's lastUpdateDateTime, Defender's lastSeen. */
  readonly at: number;
  readonly revision: number;
  readonly record: T;
}

/** Builds the vendor record for serial `n`, created at `createdAt`, changed at `at`, in revision `revision`. */
export type RecordFactory<T> = (n: number, createdAt: number, at: number, revision: number) => { readonly id: string; readonly record: T };

const MINUTE = 60_000;

/** One collection of the simulated vendor: seeded in the past, created and changed "now" by the vendor's clock. */
export class Dataset<T> {
  readonly #clock: Clock;
  readonly #make: RecordFactory<T>;
  readonly #entries = new Map<string, Entry<T>>();
  #serial = 0;

  constructor(clock: Clock, make: RecordFactory<T>) {
    this.#clock = clock;
    this.#make = make;
  }

  #put(n: number, createdAt: number, at: number, revision: number): Entry<T> {
    const { id, record } = this.#make(n, createdAt, at, revision);
    const entry = { id, n, createdAt, at, revision, record };
    this.#entries.set(id, entry);
    return entry;
  }

  /**
   * Adds `count` records a minute apart, ending a minute before now. With `equalAt`, the records on either
   * side of each page boundary, in the order the listing serves them (newest first), share one time.
   */
  seed(count: number, equalAt?: { readonly pageSize: number }): void {
    let at = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) {
      const boundary = equalAt !== undefined && k > 0 && (count - k) % equalAt.pageSize === 0;
      if (k > 0 && !boundary) at += MINUTE;
      this.#put(++this.#serial, at, at, 1);
    }
  }

  /** Updates the oldest records, deletes the next oldest, creates new ones; changes are stamped now. */
  mutate(change: { readonly create?: number; readonly update?: number; readonly delete?: number }): void {
    const now = this.#clock.now().getTime();
    const oldest = this.list('oldest');
    const updates = change.update ?? 0;
    for (const entry of oldest.slice(0, updates)) this.#put(entry.n, entry.createdAt, now, entry.revision + 1);
    for (const entry of oldest.slice(updates, updates + (change.delete ?? 0))) this.#entries.delete(entry.id);
    for (let i = 0; i < (change.create ?? 0); i++) this.#put(++this.#serial, now, now, 1);
  }

  /** Replaces one record (an action changed it at the vendor), stamped now. */
  replace(id: string, change: (record: T, at: number) => T): T | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    const at = this.#clock.now().getTime();
    const record = change(entry.record, at);
    this.#entries.set(id, { ...entry, at, revision: entry.revision + 1, record });
    return record;
  }

  get(id: string): T | undefined {
    return this.#entries.get(id)?.record;
  }

  /** By (at, id): `newest` first as Graph lists alerts and incidents, `oldest` first, or by `id`. */
  list(order: 'newest' | 'oldest' | 'id', range: { readonly from?: number; readonly to?: number } = {}): Entry<T>[] {
    const entries = [...this.#entries.values()].filter((e) => (range.from === undefined || e.at >= range.from) && (range.to === undefined || e.at <= range.to));
    if (order === 'id') return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    entries.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return order === 'newest' ? entries.reverse() : entries;
  }
}
