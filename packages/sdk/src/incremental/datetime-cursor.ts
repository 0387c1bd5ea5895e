import { z } from 'zod';
import { toEpochMs, toIso, type TimestampValue } from './timestamp.ts';

/**
 * Checkpoint of a datetime cursor. `cursor`: everything up to this time has been emitted (late arrivals
 * aside, which the overlap window catches). `seen`: the (timestamp, id) pairs already emitted within the
 * overlap window before the cursor, so re-reading that window emits nothing twice.
 */
export const datetimeCursorStateSchema = z.object({
  cursor: z.string(),
  seen: z.array(z.tuple([z.string(), z.string()])),
});
export type DatetimeCursorState = z.output<typeof datetimeCursorStateSchema>;

export interface DatetimeCursorOptions<Raw> {
  readonly state: DatetimeCursorState | undefined;
  /** Where a first run starts. */
  readonly startAt: Date;
  /** How far before the cursor each run reads again, for records the vendor indexes late (default 0). */
  readonly overlapMs?: number;
  readonly timestamp: (raw: Raw) => TimestampValue;
  readonly id: (raw: Raw) => string;
}

const keyOf = (ms: number, id: string) => `${toIso(ms)}\u0000${id}`;

/**
 * The state machine behind `incrementalByDatetime`, usable on its own: query from `from` (inclusive),
 * pass each page through `accept`, store `state()`. Records are compared by (timestamp, id): one whose
 * pair was already emitted is skipped, so equal timestamps across a page boundary lose nothing and
 * repeat nothing.
 */
export class DatetimeCursor<Raw> {
  readonly #options: DatetimeCursorOptions<Raw>;
  readonly #overlapMs: number;
  readonly #floorMs: number;
  #cursorMs: number;
  readonly #seen = new Map<string, { readonly ms: number; readonly id: string }>();

  constructor(options: DatetimeCursorOptions<Raw>) {
    this.#options = options;
    this.#overlapMs = options.overlapMs ?? 0;
    this.#cursorMs = options.state === undefined ? options.startAt.getTime() : toEpochMs(options.state.cursor, 'checkpoint cursor');
    for (const [at, id] of options.state?.seen ?? []) {
      const ms = toEpochMs(at, 'checkpoint seen time');
      this.#seen.set(keyOf(ms, id), { ms, id });
    }
    this.#floorMs = this.#cursorMs - this.#overlapMs;
  }

  /** The time to query from, inclusive: the cursor minus the overlap. Fixed for the run. */
  get from(): Date {
    return new Date(this.#floorMs);
  }

  get cursor(): Date {
    return new Date(this.#cursorMs);
  }

  /**
   * The records not emitted before, in the order given; remembers them and moves the cursor to the
   * latest. Records before `from` or after `until` are left for another run.
   */
  accept(records: readonly Raw[], until?: Date): Raw[] {
    const untilMs = until?.getTime() ?? Number.POSITIVE_INFINITY;
    const fresh: Raw[] = [];
    for (const raw of records) {
      const ms = toEpochMs(this.#options.timestamp(raw));
      const id = this.#options.id(raw);
      const key = keyOf(ms, id);
      if (ms < this.#floorMs || ms > untilMs || this.#seen.has(key)) continue;
      this.#seen.set(key, { ms, id });
      this.#cursorMs = Math.max(this.#cursorMs, ms);
      fresh.push(raw);
    }
    return fresh;
  }

  /** Moves the cursor to `to` once everything up to it has been read; true when it moved. */
  advanceTo(to: Date): boolean {
    if (to.getTime() <= this.#cursorMs) return false;
    this.#cursorMs = to.getTime();
    return true;
  }

  /** The checkpoint; forgets pairs older than the overlap window before the cursor. */
  state(): DatetimeCursorState {
    const keepFrom = this.#cursorMs - this.#overlapMs;
    const seen: [string, string][] = [];
    for (const [key, entry] of this.#seen) {
      if (entry.ms < keepFrom) this.#seen.delete(key);
      else seen.push([toIso(entry.ms), entry.id]);
    }
    seen.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
    return { cursor: toIso(this.#cursorMs), seen };
  }

  /** Sorts records by (timestamp, id), oldest first: how newest-first windows are replayed. */
  sort(records: readonly Raw[]): Raw[] {
    const keyed = records.map((raw) => ({ raw, ms: toEpochMs(this.#options.timestamp(raw)), id: this.#options.id(raw) }));
    keyed.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return keyed.map((entry) => entry.raw);
  }
}
