import { describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { normalizePage, normalizeRecord } from './normalize-page.ts';

const stream = memoryConnector(new MemorySource()).streams![0]!;
const meta = { connector: { id: 'memory-source', name: 'Memory', vendor: 'tests', version: '1.0.0' }, stream: 'findings', instanceId: 'i', receivedAt: new Date(0) };
const item = (id: string, title: string) => ({ id, title, severity: 3, updated: 1_700_000_000_000 });

describe('normalizeRecord', () => {
  it('fails a record PostgreSQL could not store (U+0000), alone, and keeps the text \\u0000', async () => {
    const nul = await normalizeRecord(item('a', 'bad\u0000title'), { stream, meta, keepRawBytes: 1024 });
    expect(nul).toMatchObject({ ok: false, rejected: { kind: 'failed', reason: { message: expect.stringMatching(/U\+0000/) }, raw: { unstorable: 'contains U+0000' } } });
    const text = await normalizeRecord(item('b', 'literal \\u0000 text'), { stream, meta, keepRawBytes: 1024 });
    expect(text).toMatchObject({ ok: true, record: { data: { finding_info: { title: 'literal \\u0000 text' } }, raw: expect.any(Object) } });
    const page = await normalizePage([item('a', 'bad\u0000'), item('c', 'fine')], { stream, meta });
    expect(page.records.map((r) => r.externalId)).toEqual(['c']);
    expect(page.rejected).toHaveLength(1);
  });

  it('awaits async overrides and keeps content hashes of records without annotations unchanged', async () => {
    const plain = await normalizeRecord(item('a', 't'), { stream, meta });
    const viaOverride = await normalizeRecord(item('a', 't'), { stream, meta, override: async (data) => data });
    expect(plain.ok && viaOverride.ok && plain.record.contentHash === viaOverride.record.contentHash).toBe(true);
  });

  it('lets I/O callbacks run while it normalises a long page (the previous page is being written meanwhile)', async () => {
    const raws = Array.from({ length: 500 }, (_, i) => item(`r-${i}`, `title ${i}`));
    let ioTurns = 0;
    const tick = () => {
      ioTurns++;
      if (ioTurns < 100) setImmediate(tick);
    };
    setImmediate(tick);
    const page = await normalizePage(raws, { stream, meta });
    expect(page.records).toHaveLength(500);
    // One turn per 100 records at least (a page normalised in one go would leave this at 0 or 1).
    expect(ioTurns).toBeGreaterThanOrEqual(4);
  });
});
