import { afterEach, describe, expect, it } from 'vitest';
import { inventory } from './inventory.ts';
import { records } from './records.ts';
import { streamTestBed, type StreamTestBed } from './test-context.ts';

async function pagesOf<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('http-json streams', () => {
  let bed: StreamTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('inventory restarts the listing when its stored page link has expired, and never stores the API key', async () => {
    bed = await streamTestBed({ mode: 'link', incremental: false, apiKeyInQuery: true });
    bed.simulator.seed('inventory', { count: 10 });
    const first = await pagesOf(inventory.fetch(bed.ctx, undefined));
    expect(first.map((p) => p.records.length)).toEqual([4, 4, 2]);
    const stored = first[0]!.checkpoint.next as string;
    expect(bed.simulator.requests[1]!.query).toMatchObject({ api_key: 'key-123' });
    expect(stored).not.toContain('key-123');
    expect(stored).toContain('cursor=');

    bed.simulator.inject({ kind: 'expire-page-token' });
    const resumed = await pagesOf(inventory.fetch(bed.ctx, { next: stored }));
    expect(resumed.flatMap((p) => p.records.map((r) => r.id))).toHaveLength(10);
    expect(bed.simulator.requests.slice(-4).map((r) => r.status)).toEqual([410, 200, 200, 200]);
    expect(bed.ctx.log.entries.some((e) => e.level === 'warn')).toBe(true);
  });

  it('inventory yields nothing once its listing is complete, and records nothing without a cursor field', async () => {
    bed = await streamTestBed({ mode: 'offset', incremental: false });
    bed.simulator.seed('inventory', { count: 3 });
    expect(await pagesOf(inventory.fetch(bed.ctx, { next: null }))).toEqual([]);
    expect(await pagesOf(records.fetch(bed.ctx, undefined))).toEqual([]);
    expect(bed.simulator.requests).toEqual([]);
  });

  it('records reads a newest-first API window by window and yields oldest first, with a resumable cursor', async () => {
    bed = await streamTestBed({ newestFirst: true });
    bed.simulator.seed('records', { count: 6 });
    const pages = await pagesOf(records.fetch(bed.ctx, undefined));
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(ids).toEqual(['rec-00001', 'rec-00002', 'rec-00003', 'rec-00004', 'rec-00005', 'rec-00006']);
    const afterFirst = pages[0]!.checkpoint;
    const resumed = await pagesOf(records.fetch(bed.ctx, afterFirst));
    expect(resumed.flatMap((p) => p.records.map((r) => r.id))).toEqual(ids.slice(4));
    expect(bed.simulator.requests.every((r) => r.query.since !== undefined)).toBe(true);
  });
});
