import { describe, expect, it } from 'vitest';
import { findLink, parseLinkHeader } from './link-header.ts';

describe('parseLinkHeader', () => {
  it('parses GitHub-style headers with several links', () => {
    const header = '<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last"';
    expect(parseLinkHeader(header)).toEqual([
      { url: 'https://api.github.com/repositories/1/issues?page=2', rel: ['next'], params: { rel: 'next' } },
      { url: 'https://api.github.com/repositories/1/issues?page=5', rel: ['last'], params: { rel: 'last' } },
    ]);
  });

  it('keeps commas and semicolons inside the URL', () => {
    expect(findLink('<https://x.test/a;v=1?ids=1,2,3>; rel=next, <https://x.test/first>; rel=first', 'next')).toBe('https://x.test/a;v=1?ids=1,2,3');
  });

  it('handles several relation types, any case, and whitespace around =', () => {
    expect(findLink('<https://x.test/2> ; REL = "Prev  NEXT"', 'next')).toBe('https://x.test/2');
    expect(findLink('<https://x.test/2>;rel=NEXT', 'Next')).toBe('https://x.test/2');
    expect(parseLinkHeader('<https://x.test/2>; rel="prev next"')[0]?.rel).toEqual(['prev', 'next']);
  });

  it('does not split on commas or semicolons inside quoted values, and undoes escapes', () => {
    const header = '<https://x.test/1>; title="a, b; c \\"d\\""; rel="prev", <https://x.test/3>; rel="next"';
    const links = parseLinkHeader(header);
    expect(links.map((link) => link.url)).toEqual(['https://x.test/1', 'https://x.test/3']);
    expect(links[0]?.params['title']).toBe('a, b; c "d"');
  });

  it('resolves relative targets against the response URL', () => {
    const base = 'https://api.vendor.test/v1/items?cursor=x';
    expect(findLink('</v1/items?cursor=abc>; rel="next"', 'next', base)).toBe('https://api.vendor.test/v1/items?cursor=abc');
    expect(findLink('<?page=3>; rel="next"', 'next', base)).toBe('https://api.vendor.test/v1/items?page=3');
    expect(findLink('</v1/items?cursor=abc>; rel="next"', 'next')).toBeUndefined();
  });

  it('reads several Link headers joined by the Headers class', () => {
    const headers = new Headers([
      ['link', '<https://x.test/1>; rel="prev"'],
      ['link', '<https://x.test/3>; rel="next"'],
    ]);
    expect(findLink(headers.get('link'), 'next')).toBe('https://x.test/3');
  });

  it('takes the first rel parameter and ignores later ones', () => {
    expect(parseLinkHeader('<https://x.test/1>; rel="self"; rel="next"')[0]?.rel).toEqual(['self']);
  });

  it('skips malformed parts and still finds the good links', () => {
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader('https://x.test/1; rel=next')).toEqual([]);
    expect(parseLinkHeader('<https://x.test/1; rel=next')).toEqual([]);
    expect(findLink('garbage, <https://x.test/2>; rel=next', 'next')).toBe('https://x.test/2');
    expect(findLink('<https://x.test/1>; rel=prev junk "q,x", <https://x.test/2>; rel=next', 'next')).toBe('https://x.test/2');
    expect(findLink('<http://[bad>; rel=next, <https://x.test/2>; rel=next', 'next')).toBe('https://x.test/2');
    expect(parseLinkHeader('<https://x.test/1>')).toEqual([{ url: 'https://x.test/1', rel: [], params: {} }]);
    expect(findLink('<https://x.test/1>; rel=prev', 'next')).toBeUndefined();
  });
});
