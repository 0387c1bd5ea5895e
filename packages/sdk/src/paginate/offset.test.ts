import { describe, expect, it } from 'vitest';
import { collect, FakeHttpClient } from './fake-http-client.ts';
import { paginateOffset } from './offset.ts';
import { paginatePageNumber } from './page-number.ts';

const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** A vendor that pages `total` items by offset and caps the page size at `cap`. */
function offsetVendor(total: number, cap = 100) {
  const all = numbers(total);
  return new FakeHttpClient((_request, url) => {
    const offset = Number(url.searchParams.get('offset'));
    const limit = Math.min(Number(url.searchParams.get('limit') ?? cap), cap);
    return { body: { data: all.slice(offset, offset + limit), total } };
  });
}

describe('paginateOffset', () => {
  const options = { request: { url: '/hosts' }, items: 'data', limit: 2 } as const;

  it('stops on a short page and exposes the next offset', async () => {
    const pages = await collect(paginateOffset<number>({ http: offsetVendor(5) }, options));
    expect(pages.map((p) => [p.items, p.next])).toEqual([
      [[1, 2], 2],
      [[3, 4], 4],
      [[5], null],
    ]);
  });

  it('stops on an empty page when the count divides evenly', async () => {
    const http = offsetVendor(4);
    const pages = await collect(paginateOffset<number>({ http }, options));
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], []]);
    expect(pages.at(-1)?.next).toBeNull();
  });

  it('uses the total when given, so a vendor capping the page size loses nothing', async () => {
    const capped = { ...options, limit: 10, total: { body: 'total' } };
    const pages = await collect(paginateOffset<number>({ http: offsetVendor(7, 3) }, capped));
    expect(pages.map((p) => p.items)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(pages.map((p) => p.next)).toEqual([3, 6, null]);
  });

  it('resumes from an offset and can send parameters in the body', async () => {
    const http = new FakeHttpClient((request) => {
      const { offset, size } = request.body as { offset: number; size: number };
      return { body: { data: numbers(5).slice(offset, offset + size) } };
    });
    const pages = await collect(paginateOffset<number>({ http }, { request: { method: 'POST', url: '/q', body: {} }, items: 'data', limit: 2, in: 'body', limitParam: 'size', start: 2 }));
    expect(pages.flatMap((p) => p.items)).toEqual([3, 4, 5]);
    expect(http.requests[0]?.body).toEqual({ offset: 2, size: 2 });
  });
});

describe('paginatePageNumber', () => {
  const pageVendor = (total: number) =>
    new FakeHttpClient((_request, url) => {
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('per_page'));
      return { body: { items: numbers(total).slice((page - 1) * size, page * size), pages: Math.ceil(total / size) } };
    });

  it('stops on a short page, counting from page 1', async () => {
    const http = pageVendor(5);
    const pages = await collect(paginatePageNumber<number>({ http }, { request: { url: '/v' }, items: 'items', pageSize: 2 }));
    expect(pages.map((p) => [p.items, p.next])).toEqual([
      [[1, 2], 2],
      [[3, 4], 3],
      [[5], null],
    ]);
    expect(http.urls[0]).toBe('https://api.vendor.test/v?page=1&per_page=2');
  });

  it('stops at the page count without asking for an extra empty page', async () => {
    const http = pageVendor(4);
    const pages = await collect(paginatePageNumber<number>({ http }, { request: { url: '/v' }, items: 'items', pageSize: 2, totalPages: { body: 'pages' } }));
    expect(pages.map((p) => p.next)).toEqual([2, null]);
    expect(http.requests).toHaveLength(2);
  });

  it('supports zero-based pages and resuming', async () => {
    const http = new FakeHttpClient((_r, url) => ({ body: { items: url.searchParams.get('p') === '2' ? [] : [Number(url.searchParams.get('p'))] } }));
    const pages = await collect(paginatePageNumber<number>({ http }, { request: { url: '/v' }, items: 'items', pageSize: 1, pageParam: 'p', sizeParam: null, firstPage: 0, start: 1 }));
    expect(pages.map((p) => [p.items, p.next])).toEqual([
      [[1], 2],
      [[], null],
    ]);
    expect(http.urls[0]).toBe('https://api.vendor.test/v?p=1');
  });
});
