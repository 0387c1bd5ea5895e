import { describe, expect, it } from 'vitest';
import { isoToLocal, lagText, localToIso } from './lag.ts';

describe('destination lag and replay ranges', () => {
  it('says how far behind a destination is', () => {
    expect(lagText(0, 0)).toBe('up to date');
    expect(lagText(1, 42)).toBe('1 event behind, oldest 42 s');
    expect(lagText(1234, 95)).toBe('1,234 events behind, oldest 1 min 35 s');
    expect(lagText(3, 7260)).toBe('3 events behind, oldest 2 h 1 min');
    expect(lagText(3, 200_000)).toBe('3 events behind, oldest 2 d');
  });
  it('turns the replay range inputs into instants and back', () => {
    expect(localToIso('')).toBeNull();
    expect(localToIso('not a date')).toBeNull();
    const iso = localToIso('2026-03-01T10:15')!;
    expect(isoToLocal(iso)).toBe('2026-03-01T10:15');
  });
});
