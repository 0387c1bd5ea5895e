import { ManualClock } from '@patchbay/types';
import { describe, expect, it } from 'vitest';
import type { DatetimeCursorState } from './datetime-cursor.ts';
import { incrementalByDatetime, type DatetimeIncrementalOptions, type DatetimePage } from './incremental-by-datetime.ts';
import type { TimeWindow } from './time-windows.ts';

interface Rec {
  readonly id: string;
  readonly at: string;
}

const t = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;

/** A vendor API filtering by time (inclusive), paging `pageSize` records, oldest or newest first. */
function vendor(records: Rec[], order: 'oldest-first' | 'newest-first' | 'ties-reversed', pageSize = 2) {
  const windows: TimeWindow[] = [];
  async function* query(window: TimeWindow) {
    windows.push(window);
    const inRange = records.filter((r) => Date.parse(r.at) >= window.from.getTime() && Date.parse(r.at) <= window.to.getTime());
    const sorted = inRange.sort((a, b) => {
      const byTime = Date.parse(a.at) - Date.parse(b.at);
      const byId = a.id.localeCompare(b.id);
      if (order === 'newest-first') return -byTime || -byId;
      return byTime || (order === 'ties-reversed' ? -byId : byId);
    });
    for (let at = 0; at < sorted.length; at += pageSize) yield sorted.slice(at, at + pageSize);
  }
  return { query, windows };
}

const clock = () => new ManualClock('2026-01-01T01:00:00.000Z');

function options(query: DatetimeIncrementalOptions<Rec>['query'], extra: Partial<DatetimeIncrementalOptions<Rec>> = {}): DatetimeIncrementalOptions<Rec> {
  return { clock: clock(), state: undefined, startAt: new Date(t(0)), timestamp: (r) => r.at, id: (r) => r.id, order: 'ascending', query, ...extra };
}

/** Runs until `stopAfter` pages with records were yielded (a crash), returning them and the last state. */
async function run(opts: DatetimeIncrementalOptions<Rec>, stopAfter = Number.POSITIVE_INFINITY) {
  const pages: DatetimePage<Rec>[] = [];
  let state: DatetimeCursorState | undefined = opts.state;
  for await (const page of incrementalByDatetime(opts)) {
    pages.push(page);
    state = page.state;
    if (pages.filter((p) => p.records.length > 0).length >= stopAfter) break;
  }
  return { ids: pages.flatMap((p) => p.records.map((r) => r.id)), state, pages };
}

const boundary: Rec[] = [
  { id: 'a', at: t(1) },
  { id: 'b', at: t(2) },
  { id: 'c', at: t(2) },
  { id: 'd', at: t(2) },
  { id: 'e', at: t(3) },
];

describe('incrementalByDatetime', () => {
  it('loses and repeats nothing when equal timestamps straddle a page boundary and the run restarts there', async () => {
    for (const order of ['oldest-first', 'ties-reversed'] as const) {
      const api = vendor(boundary, order);
      const first = await run(options(api.query), 1);
      expect(first.ids).toHaveLength(2);
      expect(first.state?.cursor).toBe(t(2));
      const second = await run(options(api.query, { state: first.state }));
      expect([...first.ids, ...second.ids].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      // The restart queried from the cursor itself (inclusive), not after it.
      expect(api.windows[1]?.from.toISOString()).toBe(t(2));
    }
  });

  it('moves the cursor to the end of the range after the last page and keeps the boundary pairs', async () => {
    const { state, pages } = await run(options(vendor(boundary, 'oldest-first').query));
    expect(pages.map((p) => p.records.map((r) => r.id))).toEqual([['a', 'b'], ['c', 'd'], ['e'], []]);
    expect(state).toEqual({ cursor: '2026-01-01T01:00:00.000Z', seen: [] });
  });

  it('yields only the cursor move on an empty range, and nothing when it cannot move', async () => {
    const api = vendor([], 'oldest-first');
    const { pages, state } = await run(options(api.query));
    expect(pages).toEqual([{ records: [], state: { cursor: '2026-01-01T01:00:00.000Z', seen: [] }, window: api.windows[0] }]);
    expect((await run(options(api.query, { state }))).pages).toEqual([]);
  });

  it('re-reads the overlap window for late records without repeating the ones seen', async () => {
    const records: Rec[] = [{ id: 'a', at: t(58) }];
    const api = vendor(records, 'oldest-first');
    const opts = options(api.query, { overlapMs: 5 * 60_000, lagMs: 0 });
    const first = await run(opts);
    expect(first.state).toEqual({ cursor: '2026-01-01T01:00:00.000Z', seen: [[t(58), 'a']] });
    records.push({ id: 'late', at: t(57) });
    const second = await run({ ...opts, clock: new ManualClock('2026-01-01T01:02:00.000Z'), state: first.state });
    expect(second.ids).toEqual(['late']);
    expect(api.windows[1]?.from.toISOString()).toBe(t(55));
  });

  it('treats an updated record (same id, later time) as new', async () => {
    const records: Rec[] = [{ id: 'a', at: t(1) }];
    const api = vendor(records, 'oldest-first');
    const first = await run(options(api.query, { overlapMs: 60 * 60_000 }));
    records.splice(0, 1, { id: 'a', at: t(59) });
    const second = await run(options(api.query, { overlapMs: 60 * 60_000, clock: new ManualClock('2026-01-01T01:01:00.000Z'), state: first.state }));
    expect(second.ids).toEqual(['a']);
  });

  it('buffers and sorts newest-first windows, and resumes inside a window', async () => {
    const records = [...boundary, { id: 'f', at: t(40) }, { id: 'g', at: t(41) }];
    const api = vendor(records, 'newest-first');
    const opts = options(api.query, { order: 'descending', windowMs: 30 * 60_000, pageSize: 2 });
    const first = await run(opts, 1);
    expect(first.ids).toEqual(['a', 'b']);
    const second = await run({ ...opts, state: first.state });
    expect(second.ids).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(second.pages.at(-1)).toMatchObject({ records: [], state: { cursor: '2026-01-01T01:00:00.000Z' } });
  });

  it('splits the range into windows and halves a window too large to buffer', async () => {
    const records = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, at: t(i * 7) }));
    const api = vendor(records, 'newest-first', 3);
    const { ids } = await run(options(api.query, { order: 'descending', windowMs: 60 * 60_000, maxBuffered: 4 }));
    expect(ids).toEqual(records.map((r) => r.id));
    expect(api.windows.map((w) => [w.from.toISOString().slice(11, 19), w.to.toISOString().slice(11, 19)])).toEqual([
      ['00:00:00', '01:00:00'],
      ['00:00:00', '00:30:00'],
      ['00:00:00', '00:15:00'],
      ['00:15:00', '00:30:00'],
      ['00:30:00', '01:00:00'],
    ]);
  });

  it('leaves records after the end of the range for the next run', async () => {
    const api = vendor([{ id: 'future', at: '2026-01-01T01:30:00.000Z' }], 'oldest-first');
    const loose = async function* () {
      yield* api.query({ from: new Date(t(0)), to: new Date('2026-01-02T00:00:00.000Z') });
    };
    const { ids, state } = await run(options(loose, { lagMs: 60_000 }));
    expect(ids).toEqual([]);
    expect(state?.cursor).toBe('2026-01-01T00:59:00.000Z');
  });

  it('accepts paginator pages and refuses timestamps without a zone', async () => {
    const pages = async function* () {
      yield { items: [{ id: 'a', at: t(1) }] };
    };
    expect((await run(options(pages))).ids).toEqual(['a']);
    const local = async function* () {
      yield [{ id: 'a', at: '2026-01-01 00:01:00' }];
    };
    await expect(run(options(local))).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', field: 'timestamp' });
  });

  it('requires windows for newest-first APIs', async () => {
    await expect(run(options(vendor([], 'newest-first').query, { order: 'descending' }))).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
