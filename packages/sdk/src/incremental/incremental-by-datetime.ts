import { PatchbayError, type Clock } from '@patchbay/types';
import { DatetimeCursor, type DatetimeCursorState } from './datetime-cursor.ts';
import { batchItems, type QueryBatch } from './query-pages.ts';
import { halve, timeWindows, type TimeWindow } from './time-windows.ts';
import type { TimestampValue } from './timestamp.ts';

export interface DatetimeIncrementalOptions<Raw> {
  readonly clock: Clock;
  /** The stored cursor state; undefined on the first run. */
  readonly state: DatetimeCursorState | undefined;
  /** Where the first run starts (a date, or computed from now: 30 days back). */
  readonly startAt: Date | ((now: Date) => Date);
  /** Read this far before the cursor again, for late-indexed records (default 0). */
  readonly overlapMs?: number;
  /** Stop this far before now, for vendors that make records visible with a delay (default 0). */
  readonly lagMs?: number;
  readonly timestamp: (raw: Raw) => TimestampValue;
  readonly id: (raw: Raw) => string;
  /**
   * `ascending`: the query returns oldest first; the cursor moves with every page.
   * `descending`: newest first; each window is read whole, sorted by (timestamp, id), then replayed.
   */
  readonly order: 'ascending' | 'descending';
  /** Split the range into windows this long. Required for `descending`, which buffers one window. */
  readonly windowMs?: number;
  /** Records per page when replaying a buffered window (default 500). */
  readonly pageSize?: number;
  /** A window holding more than this is halved and read again (default 50 000; not below 1 s). */
  readonly maxBuffered?: number;
  /** Reads the vendor's records with timestamps in `[from, to]`, in `order`, page by page. */
  readonly query: (window: TimeWindow) => AsyncIterable<QueryBatch<Raw>>;
}

/** New records and the cursor state to store after them. */
export interface DatetimePage<Raw> {
  readonly records: readonly Raw[];
  readonly state: DatetimeCursorState;
  readonly window: TimeWindow;
}

const MIN_WINDOW_MS = 1000;

async function readWindow<Raw>(options: DatetimeIncrementalOptions<Raw>, window: TimeWindow, limit: number): Promise<Raw[] | undefined> {
  const buffer: Raw[] = [];
  for await (const batch of options.query(window)) {
    buffer.push(...batchItems(batch));
    if (buffer.length > limit && window.to.getTime() - window.from.getTime() > MIN_WINDOW_MS) return undefined;
  }
  return buffer;
}

/**
 * Incremental sync on a datetime cursor with an overlap window and (timestamp, id) tie-breaking: no
 * record is lost on equal timestamps at a page boundary, none is emitted twice, and a restart resumes
 * from the last yielded state. The range ends at now minus `lagMs`, fixed when the run starts; after
 * the last window an empty page carries the cursor moved to that end.
 */
export async function* incrementalByDatetime<Raw>(options: DatetimeIncrementalOptions<Raw>): AsyncGenerator<DatetimePage<Raw>, void, undefined> {
  if (options.order === 'descending' && options.windowMs === undefined) {
    throw new PatchbayError('INTERNAL', { message: 'A newest-first datetime cursor needs windowMs: each window is buffered and sorted' });
  }
  const now = options.clock.now();
  const startAt = typeof options.startAt === 'function' ? options.startAt(now) : options.startAt;
  const cursor = new DatetimeCursor<Raw>({ ...options, startAt });
  const end = new Date(now.getTime() - (options.lagMs ?? 0));
  const pending = timeWindows(cursor.from, end, options.windowMs).reverse();
  for (let window = pending.pop(); window !== undefined; window = pending.pop()) {
    if (options.order === 'ascending') {
      for await (const batch of options.query(window)) {
        const fresh = cursor.accept(batchItems(batch), window.to);
        if (fresh.length > 0) yield { records: fresh, state: cursor.state(), window };
      }
    } else {
      const buffered = await readWindow(options, window, options.maxBuffered ?? 50_000);
      if (buffered === undefined) {
        const [first, second] = halve(window);
        pending.push(second, first);
        continue;
      }
      const sorted = cursor.sort(buffered);
      const size = options.pageSize ?? 500;
      for (let at = 0; at < sorted.length; at += size) {
        const fresh = cursor.accept(sorted.slice(at, at + size), window.to);
        if (fresh.length > 0) yield { records: fresh, state: cursor.state(), window };
      }
    }
    if (cursor.advanceTo(window.to)) yield { records: [], state: cursor.state(), window };
  }
}
