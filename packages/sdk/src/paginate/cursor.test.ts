import { PatchbayError } from '@patchbay/types';
import { describe, expect, it } from 'vitest';
import { paginateCursor } from './cursor.ts';
import { collect, FakeHttpClient } from './fake-http-client.ts';

/** A vendor listing 5 items, 2 per page, with the cursor in `meta.after` and sent back as `?after=`. */
function vendor(items = ['a', 'b', 'c', 'd', 'e']) {
  return new FakeHttpClient((_request, url) => {
    const start = Number(url.searchParams.get('after') ?? '0');
    const page = items.slice(start, start + 2);
    const after = start + 2 < items.length ? String(start + 2) : null;
    return { body: { resources: page, meta: { after } } };
  });
}

const options = { request: { url: '/alerts', query: { limit: 2 } }, items: 'resources', nextToken: { body: 'meta.after' }, sendToken: { query: 'after' } } as const;

describe('paginateCursor', () => {
  it('follows the token until it is missing, exposing each resume token', async () => {
    const http = vendor();
    const pages = await collect(paginateCursor<string>({ http }, options));
    expect(pages.map((p) => [p.items, p.next, p.index])).toEqual([
      [['a', 'b'], '2', 0],
      [['c', 'd'], '4', 1],
      [['e'], null, 2],
    ]);
    expect(http.urls).toEqual([
      'https://api.vendor.test/alerts?limit=2',
      'https://api.vendor.test/alerts?limit=2&after=2',
      'https://api.vendor.test/alerts?limit=2&after=4',
    ]);
  });

  it('resumes from a checkpointed token', async () => {
    const http = vendor();
    const pages = await collect(paginateCursor<string>({ http }, { ...options, start: '2' }));
    expect(pages.flatMap((p) => p.items)).toEqual(['c', 'd', 'e']);
    expect(http.requests[0]?.query).toEqual({ limit: 2, after: '2' });
  });

  it('stops on an empty page even when it carries a token, unless told otherwise', async () => {
    // First page empty but with a token, second page has the item and no token.
    const emptyThenItem = () => new FakeHttpClient((_r, url) => ({ body: url.searchParams.has('after') ? { resources: ['x'] } : { resources: [], meta: { after: 't1' } } }));
    const stopped = await collect(paginateCursor<string>({ http: emptyThenItem() }, options));
    expect(stopped.map((p) => [p.items, p.next])).toEqual([[[], null]]);
    const continued = await collect(paginateCursor<string>({ http: emptyThenItem() }, { ...options, stopOnEmptyPage: false }));
    expect(continued.map((p) => [p.items, p.next])).toEqual([
      [[], 't1'],
      [['x'], null],
    ]);
  });

  it('reads the token from a header and sends it in the body', async () => {
    const http = new FakeHttpClient((request) => {
      const token = (request.body as { page?: { next?: string } }).page?.next;
      return token === undefined ? { headers: { 'X-Next-Token': 'n1' }, body: { data: [1] } } : { body: { data: [2] } };
    });
    const pages = await collect(
      paginateCursor<number>({ http }, { request: { method: 'POST', url: '/search', body: { filter: 'x' } }, items: 'data', nextToken: { header: 'x-next-token' }, sendToken: { body: 'page.next' } }),
    );
    expect(pages.flatMap((p) => p.items)).toEqual([1, 2]);
    expect(http.requests[1]?.body).toEqual({ filter: 'x', page: { next: 'n1' } });
  });

  it('honours a has-more flag of false and treats an empty token as the end', async () => {
    const flagged = new FakeHttpClient(() => ({ body: { items: [1], has_more: false, cursor: 'c' } }));
    expect((await collect(paginateCursor({ http: flagged }, { ...options, items: 'items', nextToken: { body: 'cursor' }, hasMore: { body: 'has_more' } }))).length).toBe(1);
    const blank = new FakeHttpClient(() => ({ body: { resources: [1], meta: { after: '' } } }));
    expect((await collect(paginateCursor({ http: blank }, options)))[0]?.next).toBeNull();
  });

  it('stops after maxPages with the resume token kept', async () => {
    const pages = await collect(paginateCursor<string>({ http: vendor() }, { ...options, maxPages: 2 }));
    expect(pages.map((p) => p.next)).toEqual(['2', '4']);
  });

  it('refuses a token that repeats the one just sent', async () => {
    const http = new FakeHttpClient(() => ({ body: { resources: [1], meta: { after: 'same' } } }));
    await expect(collect(paginateCursor({ http }, options))).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    expect(http.requests).toHaveLength(2);
  });

  it('rejects a page whose item list is not a list', async () => {
    const http = new FakeHttpClient(() => ({ body: { resources: { a: 1 } } }));
    const attempt = collect(paginateCursor({ http }, options));
    await expect(attempt).rejects.toBeInstanceOf(PatchbayError);
    await expect(attempt).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', details: { path: 'resources' } });
  });

  it('passes the context signal and stops once it is aborted', async () => {
    const controller = new AbortController();
    const http = vendor();
    const pages: unknown[] = [];
    const run = async () => {
      for await (const page of paginateCursor({ http, signal: controller.signal }, options)) {
        pages.push(page);
        controller.abort(new Error('cancelled'));
      }
    };
    await expect(run()).rejects.toThrow('cancelled');
    expect(pages).toHaveLength(1);
    expect(http.requests[0]?.signal).toBe(controller.signal);
  });
});
