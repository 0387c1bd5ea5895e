import { describe, expect, it } from 'vitest';
import { DatetimeCursor, datetimeCursorStateSchema } from './datetime-cursor.ts';

interface Rec {
  readonly id: string;
  readonly at: string;
}

const cursorAt = (state?: { cursor: string; seen: [string, string][] }, overlapMs = 0) =>
  new DatetimeCursor<Rec>({ state, startAt: new Date('2026-01-01T00:00:00Z'), overlapMs, timestamp: (r) => r.at, id: (r) => r.id });

describe('DatetimeCursor', () => {
  it('skips pairs already seen at the boundary and keeps unseen ones with the same time', () => {
    const cursor = cursorAt({ cursor: '2026-01-01T00:10:00.000Z', seen: [['2026-01-01T00:10:00.000Z', 'b']] });
    expect(cursor.from.toISOString()).toBe('2026-01-01T00:10:00.000Z');
    const fresh = cursor.accept([
      { id: 'a', at: '2026-01-01T00:09:59.999Z' },
      { id: 'b', at: '2026-01-01T00:10:00Z' },
      { id: 'c', at: '2026-01-01T00:10:00.000+00:00' },
      { id: 'c', at: '2026-01-01T00:10:00.000Z' },
    ]);
    expect(fresh.map((r) => r.id)).toEqual(['c']);
    expect(cursor.state()).toEqual({
      cursor: '2026-01-01T00:10:00.000Z',
      seen: [
        ['2026-01-01T00:10:00.000Z', 'b'],
        ['2026-01-01T00:10:00.000Z', 'c'],
      ],
    });
  });

  it('forgets pairs that fall out of the overlap window and round-trips through its schema', () => {
    const cursor = cursorAt(undefined, 60_000);
    cursor.accept([
      { id: 'old', at: '2026-01-01T00:00:00Z' },
      { id: 'new', at: '2026-01-01T00:05:00Z' },
    ]);
    const state = cursor.state();
    expect(state).toEqual({ cursor: '2026-01-01T00:05:00.000Z', seen: [['2026-01-01T00:05:00.000Z', 'new']] });
    expect(datetimeCursorStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('sorts by time then id, and advances only forwards', () => {
    const cursor = cursorAt();
    const sorted = cursor.sort([
      { id: 'b', at: '2026-01-01T00:02:00Z' },
      { id: 'z', at: '2026-01-01T00:01:00Z' },
      { id: 'a', at: '2026-01-01T00:02:00Z' },
    ]);
    expect(sorted.map((r) => r.id)).toEqual(['z', 'a', 'b']);
    expect(cursor.advanceTo(new Date('2025-12-31T00:00:00Z'))).toBe(false);
    expect(cursor.advanceTo(new Date('2026-01-01T00:03:00Z'))).toBe(true);
    expect(cursor.cursor.toISOString()).toBe('2026-01-01T00:03:00.000Z');
  });
});
