import { describe, expect, it } from 'vitest';
import { liveSet, liveSummary, recentSet } from './sample-choices.ts';

describe('sample choices', () => {
  it('says how many live records came back, and how many the first page held when the limit cut it', () => {
    expect(liveSummary({ latency_ms: 42, page_records: 5, note: null, items: [{ external_id: 'a', raw: {} }, { external_id: 'b', raw: {} }, { external_id: 'c', raw: {} }] })).toBe("3 of the first page's 5 records from the vendor in 42 ms");
    expect(liveSummary({ latency_ms: 7, page_records: 1, note: null, items: [{ external_id: 'a', raw: {} }] })).toBe('1 record from the vendor in 7 ms');
    expect(liveSummary({ latency_ms: 3, page_records: 0, note: 'empty', items: [] })).toBe('0 records from the vendor in 3 ms');
  });

  it('labels live and stored records by their vendor id and origin, and passes on why there are none', () => {
    const live = liveSet({ latency_ms: 1, page_records: 2, note: null, items: [{ external_id: 'r-1', raw: { id: 'r-1' } }, { external_id: null, raw: { x: 1 } }] });
    expect(live.choices).toEqual([{ label: 'r-1 · live', raw: { id: 'r-1' } }, { label: '(no id) · live', raw: { x: 1 } }]);
    expect(live.note).toBeNull();
    const now = Date.parse('2026-05-01T12:00:00Z');
    const recent = recentSet({ raw_payloads_kept: true, note: null, items: [{ source: 'rejected', external_id: 'r-2', seen_at: '2026-05-01T11:00:00Z', raw: 2 }] }, now);
    expect(recent).toEqual({ choices: [{ label: 'r-2 · rejected · 1 h ago', raw: 2 }], note: null, summary: null });
    expect(recentSet({ raw_payloads_kept: false, note: 'Paste one', items: [] }).note).toBe('Paste one');
  });
});
