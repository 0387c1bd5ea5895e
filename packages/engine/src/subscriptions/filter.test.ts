import { describe, expect, it } from 'vitest';
import { compileFilter } from './filter.ts';

const event = (type: string, data: Record<string, unknown>) => ({ type, timestamp: '2026-01-01T00:00:00Z', data });

describe('subscription filters', () => {
  it('matches on type pattern, source, class, severity at or above, tags and a JSONata predicate', async () => {
    const f = compileFilter('record.*', 'i-1', { class_uids: [2004], severity_at_least: 4, tags: ['prod'], predicate: 'data.stream = "alerts"' });
    const ok = event('record.created', { class_uid: 2004, severity_id: 5, stream: 'alerts', record: { metadata: { labels: ['prod', 'eu'] } } });
    expect(await f.matches(ok, 'i-1')).toBe(true);
    expect(await f.matches(ok, 'i-2')).toBe(false);
    expect(await f.matches({ ...ok, type: 'sync.completed' }, 'i-1')).toBe(false);
    expect(await f.matches(event('record.created', { ...ok.data, severity_id: 3 }), 'i-1')).toBe(false);
    expect(await f.matches(event('record.created', { ...ok.data, class_uid: 1001 }), 'i-1')).toBe(false);
    expect(await f.matches(event('record.created', { ...ok.data, stream: 'other' }), 'i-1')).toBe(false);
    expect(await f.matches(event('record.created', { ...ok.data, record: { metadata: { labels: ['eu'] } } }), 'i-1')).toBe(false);
  });

  it('refuses unknown criteria and predicates that do not compile', () => {
    expect(() => compileFilter('*', null, { colour: 'red' })).toThrow(/Unknown criterion/);
    expect(() => compileFilter('*', null, { predicate: 'data.(' })).toThrow(/JSONata/);
  });
});
