import { describe, expect, it } from 'vitest';
import { collect, FakeHttpClient } from './fake-http-client.ts';
import { paginateLink } from './link.ts';

/** Okta-style System Log: relative and absolute next links, and a next link even on the empty last page. */
function oktaLog(events: string[]) {
  return new FakeHttpClient((_request, url) => {
    const after = Number(url.searchParams.get('after') ?? '0');
    const page = events.slice(after, after + 2);
    const next = `<https://acme.okta.com/api/v1/logs?after=${after + page.length}&limit=2>; rel="next"`;
    return { headers: [['link', `<${url.href}>; rel="self"`], ['link', next]], body: page };
  });
}

describe('paginateLink', () => {
  it('follows rel="next" and stops on the empty page Okta always links on from', async () => {
    const http = oktaLog(['e1', 'e2', 'e3']);
    const pages = await collect(paginateLink<string>({ http }, { request: { url: 'https://acme.okta.com/api/v1/logs', query: { since: '2026-01-01T00:00:00Z', limit: 2 } }, items: '' }));
    expect(pages.map((p) => [p.items, p.next])).toEqual([
      [['e1', 'e2'], 'https://acme.okta.com/api/v1/logs?after=2&limit=2'],
      [['e3'], 'https://acme.okta.com/api/v1/logs?after=3&limit=2'],
      [[], null],
    ]);
    // The link carries the query: the template's `since` is not sent again.
    expect(http.urls[1]).toBe('https://acme.okta.com/api/v1/logs?after=2&limit=2');
  });

  it('resumes from a stored next URL', async () => {
    const http = oktaLog(['e1', 'e2', 'e3']);
    const pages = await collect(paginateLink<string>({ http }, { request: { url: '/api/v1/logs' }, items: '', start: 'https://acme.okta.com/api/v1/logs?after=2&limit=2' }));
    expect(pages.flatMap((p) => p.items)).toEqual(['e3']);
  });

  it('ends when there is no next link and resolves relative links', async () => {
    const http = new FakeHttpClient((_r, url) =>
      url.searchParams.get('page') === '2' ? { body: { values: [3] } } : { headers: { Link: '<?page=2>; rel="next"' }, body: { values: [1, 2] } },
    );
    const pages = await collect(paginateLink<number>({ http }, { request: { url: '/v1/items' }, items: 'values' }));
    expect(pages.map((p) => p.next)).toEqual(['https://api.vendor.test/v1/items?page=2', null]);
  });

  it('refuses a next link pointing at the page itself', async () => {
    const http = new FakeHttpClient((_r, url) => ({ headers: { link: `<${url.href}>; rel="next"` }, body: [1] }));
    await expect(collect(paginateLink({ http }, { request: { url: '/loop' }, items: '' }))).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
  });
});
