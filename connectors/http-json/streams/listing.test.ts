import { afterEach, describe, expect, it } from 'vitest';
import { listPages, type ListingPage, type PagePosition } from './listing.ts';
import { listRequest } from './list-request.ts';
import { streamTestBed, type StreamTestBed } from './test-context.ts';

async function collect(pages: AsyncIterable<ListingPage>): Promise<ListingPage[]> {
  const out: ListingPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

const ids = (pages: readonly ListingPage[]) => pages.flatMap((p) => p.items.map((item) => (item as { id: string }).id));

describe('http-json listing', () => {
  let bed: StreamTestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it.each(['cursor', 'link', 'offset', 'page'] as const)('reads every page in %s paging, and resumes from a page position', async (mode) => {
    bed = await streamTestBed({ mode, incremental: false });
    bed.simulator.seed('inventory', { count: 10 });
    const request = listRequest(bed.ctx.config, 'inventory');
    const pages = await collect(listPages(bed.ctx, bed.ctx.config, request));
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 2]);
    expect(pages.at(-1)!.next).toBeNull();
    expect(ids(pages)).toEqual(Array.from({ length: 10 }, (_, i) => `rec-${String(i + 1).padStart(5, '0')}`));
    const resumed = await collect(listPages(bed.ctx, bed.ctx.config, request, pages[0]!.next as PagePosition));
    expect(ids(resumed)).toEqual(ids(pages).slice(4));
  });

  it('sends the window bounds in since/until, formatted as configured', async () => {
    bed = await streamTestBed({ config: { time_format: 'iso' } });
    bed.simulator.seed('records', { count: 3 });
    const window = { from: new Date('2026-04-30T23:57:00.000Z'), to: new Date('2026-05-01T00:00:00.000Z') };
    const pages = await collect(listPages(bed.ctx, bed.ctx.config, listRequest(bed.ctx.config, 'records', window)));
    expect(bed.simulator.requests[0]!.query).toMatchObject({ since: '2026-04-30T23:57:00.000Z', until: '2026-05-01T00:00:00.000Z', limit: '4' });
    expect(ids(pages)).toEqual(['rec-00002', 'rec-00003']);
  });

  it.each(['cursor', 'link'] as const)('turns a 410 on a %s continuation into PAGE_TOKEN_EXPIRED', async (mode) => {
    bed = await streamTestBed({ mode });
    bed.simulator.seed('records', { count: 10 });
    bed.simulator.inject({ kind: 'expire-page-token' });
    const pages = listPages(bed.ctx, bed.ctx.config, listRequest(bed.ctx.config, 'records'));
    await expect(collect(pages)).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
    expect(bed.simulator.requests.map((r) => r.status)).toEqual([200, 410]);
  });

  it('does not end a token listing at an empty page that still says there is more', async () => {
    bed = await streamTestBed({ mode: 'cursor' });
    bed.simulator.seed('records', { count: 10 });
    bed.simulator.inject({ kind: 'empty-page' });
    const pages = await collect(listPages(bed.ctx, bed.ctx.config, listRequest(bed.ctx.config, 'records')));
    expect(pages.map((p) => p.items.length)).toEqual([4, 0, 4, 2]);
  });
});
