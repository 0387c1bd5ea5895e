import { describe, expect, it } from 'vitest';
import { distinct, filtersFrom, isFiltered, paramsFrom, queryFrom, topRated } from './catalogue-filters.ts';

describe('catalogue filters', () => {
  it('round-trip through the URL and become the API query, leaving out what is unset', () => {
    const f = filtersFrom(new URLSearchParams('q=okta&category=identity&installed=false&auth_method=api_key'));
    expect(f).toEqual({ q: 'okta', category: 'identity', capability: '', authMethod: 'api_key', installed: 'false' });
    expect(paramsFrom(f).toString()).toBe('q=okta&category=identity&auth_method=api_key&installed=false');
    expect(queryFrom(f)).toEqual({ q: 'okta', category: 'identity', auth_method: 'api_key', installed: 'false' });
    expect(isFiltered(f)).toBe(true);
  });
  it('ignores a bad installed value and collects distinct options', () => {
    const f = filtersFrom(new URLSearchParams('installed=maybe'));
    expect(f.installed).toBe('');
    expect(isFiltered(f)).toBe(false);
    expect(distinct([{ a: ['x', 'y'] }, { a: ['y', 'b'] }], (i) => i.a)).toEqual(['b', 'x', 'y']);
  });

  it('ranks the top rated by average, then by how many reviewed, leaving out the unreviewed', () => {
    const c = (name: string, rating: number | null, review_count: number) => ({ name, rating, review_count });
    expect(topRated([c('a', 4, 1), c('b', null, 0), c('c', 4.5, 2), c('d', 4, 3)]).map((x) => x.name)).toEqual(['c', 'd', 'a']);
    expect(topRated([c('a', 5, 1), c('b', 4, 1)], 1).map((x) => x.name)).toEqual(['a']);
  });
});
