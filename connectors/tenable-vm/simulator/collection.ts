import type { Clock } from '@patchbay/types';
import type { RecordKind } from './kinds.ts';

type Json = Record<string, unknown>;

const MINUTE = 60_000;

/** One stream's records at the simulated vendor: seeded in the past, created and changed now. */
export class Collection {
  readonly #kind: RecordKind;
  readonly #clock: Clock;
  readonly #records = new Map<string, Json>();
  #serial = 0;
  #changes = 0;

  constructor(kind: RecordKind, clock: Clock) {
    this.#kind = kind;
    this.#clock = clock;
  }

  #add(at: number): void {
    const record = this.#kind.make(++this.#serial, at);
    this.#records.set(this.#kind.key(record), record);
  }

  /** Adds `count` records a minute apart, the last a minute before now. */
  seed(count: number): void {
    const start = this.#clock.now().getTime() - (count + 1) * MINUTE;
    for (let k = 0; k < count; k++) this.#add(start + k * MINUTE);
  }

  /** Changes the oldest records, deletes the next oldest, creates new ones: all stamped now. */
  mutate(change: { readonly create?: number; readonly update?: number; readonly delete?: number }): void {
    const now = this.#clock.now().getTime();
    const oldest = [...this.#records.keys()];
    const updates = change.update ?? 0;
    for (const key of oldest.slice(0, updates)) this.#records.set(key, this.#kind.change(this.#records.get(key)!, now, this.#changes++));
    for (const key of oldest.slice(updates, updates + (change.delete ?? 0))) this.#records.delete(key);
    for (let i = 0; i < (change.create ?? 0); i++) this.#add(now);
  }

  get(key: string): Json | undefined {
    return this.#records.get(key);
  }

  set(key: string, record: Json): void {
    this.#records.set(key, record);
  }

  /** Every record, in the order it was first added. */
  all(): Json[] {
    return [...this.#records.values()];
  }
}
