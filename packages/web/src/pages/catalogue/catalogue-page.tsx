import { useState, useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Connector } from '../../api/types.ts';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { authMethodName, categoryName } from '../../components/format.ts';
import { Stars } from '../../components/stars.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ConnectorCard } from './connector-card.tsx';
import { distinct, filtersFrom, isFiltered, paramsFrom, queryFrom, topRated, type CatalogueFilters } from './catalogue-filters.ts';

async function allConnectors(query: Record<string, string> = {}): Promise<Connector[]> {
  const items: Connector[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.GET('/api/integration/connectors', { params: { query: { limit: 200, ...query, ...(cursor ? { cursor } : {}) } } }));
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

/** `/integrations`: featured collections, top rated, categories with counts, search and filters, the cards. */
export function CataloguePage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [search, setSearch] = useState(filters.q);
  useEffect(() => setSearch(filters.q), [filters.q]);
  const overview = useLoad(
    async () => {
      const [collections, categories, everything] = await Promise.all([unwrap(api.GET('/api/integration/collections')), unwrap(api.GET('/api/integration/categories')), allConnectors()]);
      return { collections: collections.items, categories: categories.items, topRated: topRated(everything), everything };
    },
    [],
  );
  const query = queryFrom(filters);
  // Unfiltered, the results are the whole catalogue the overview already loaded: no second request.
  const filtered = useLoad(() => (isFiltered(filters) ? allConnectors(query) : Promise.resolve(null)), [JSON.stringify(query)]);
  const results = { data: filtered.data ?? (isFiltered(filters) ? undefined : overview.data?.everything), error: filtered.error ?? overview.error, loading: filtered.loading || overview.loading };

  const set = (change: Partial<CatalogueFilters>) => setParams(paramsFrom({ ...filters, ...change }));
  const byId = new Map((overview.data?.everything ?? []).map((c) => [c.id, c]));
  const capabilities = distinct(overview.data?.everything ?? [], (c) => c.capabilities);
  const authMethods = distinct(overview.data?.everything ?? [], (c) => c.auth_methods);

  return (
    <section className="catalogue">
      <h1>Integration catalogue</h1>
      <form
        role="search"
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() });
        }}
      >
        <label htmlFor="catalogue-search">Search integrations</label>
        <input id="catalogue-search" type="search" placeholder="Name, vendor or what it does" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit">Search</button>
      </form>

      <ErrorBox error={overview.error} title="The catalogue could not be loaded" />
      {!isFiltered(filters) && overview.data && (
        <>
          <section aria-labelledby="featured">
            <h2 id="featured">Featured collections</h2>
            <ul className="collections">
              {overview.data.collections.map((c) => (
                <li key={c.slug} className="card collection">
                  <h3>
                    <span aria-hidden="true">{c.icon}</span> {c.title}
                  </h3>
                  <p className="muted small">{c.description}</p>
                  <p className="small">
                    {c.connectors.length} integration{c.connectors.length === 1 ? '' : 's'}:{' '}
                    {c.connectors.map((id, i) => (
                      <span key={id}>
                        {i > 0 && ', '}
                        <Link to={`/integrations/${id}`}>{byId.get(id)?.name ?? id}</Link>
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="top-rated">
            <h2 id="top-rated">Top rated</h2>
            {overview.data.topRated.length === 0 ? (
              <p className="muted">No reviews in your organisation yet: open an integration and write the first.</p>
            ) : (
              <ol className="top-rated">
                {overview.data.topRated.map((c) => (
                  <li key={c.id}>
                    <Link to={`/integrations/${c.id}`}>{c.name}</Link> <Stars rating={c.rating} count={c.review_count} />{' '}
                    <span className="muted small">
                      {c.install_count} install{c.install_count === 1 ? '' : 's'}
                    </span> {c.installed && <span className="badge tone-good">✓ Installed</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}

      <div className="catalogue-body">
        <aside aria-labelledby="browse">
          <h2 id="browse">Browse by category</h2>
          <ul className="categories">
            <li>
              <button type="button" className={filters.category === '' ? 'link current' : 'link'} aria-pressed={filters.category === ''} onClick={() => set({ category: '' })}>
                All ({overview.data?.everything.length ?? '…'})
              </button>
            </li>
            {overview.data?.categories.map((c) => (
              <li key={c.category}>
                <button type="button" className={filters.category === c.category ? 'link current' : 'link'} aria-pressed={filters.category === c.category} onClick={() => set({ category: c.category })}>
                  {categoryName(c.category)} ({c.count})
                </button>
              </li>
            ))}
          </ul>
          <h2>Filters</h2>
          <div className="field">
            <label htmlFor="filter-capability">Capability</label>
            <select id="filter-capability" value={filters.capability} onChange={(e) => set({ capability: e.target.value })}>
              <option value="">Any</option>
              {capabilities.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-auth">Authentication</label>
            <select id="filter-auth" value={filters.authMethod} onChange={(e) => set({ authMethod: e.target.value })}>
              <option value="">Any</option>
              {authMethods.map((m) => (
                <option key={m} value={m}>
                  {authMethodName(m)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-installed">Installed</label>
            <select id="filter-installed" value={filters.installed} onChange={(e) => set({ installed: e.target.value as CatalogueFilters['installed'] })}>
              <option value="">Installed or not</option>
              <option value="true">Installed</option>
              <option value="false">Not installed</option>
            </select>
          </div>
          {isFiltered(filters) && (
            <button type="button" onClick={() => setParams(new URLSearchParams())}>
              Clear filters
            </button>
          )}
        </aside>
        <section aria-labelledby="results" className="results">
          <h2 id="results" aria-live="polite">
            {results.data ? `${results.data.length} integration${results.data.length === 1 ? '' : 's'}` : 'Integrations'}
            {filters.category ? ` in ${categoryName(filters.category)}` : ''}
            {filters.q ? ` matching “${filters.q}”` : ''}
          </h2>
          {results.error !== overview.error && <ErrorBox error={results.error} />}
          {results.loading && !results.data && <Loading what="integrations" />}
          {results.data?.length === 0 && <p className="muted">Nothing matches. Try fewer filters.</p>}
          <div className="cards">
            {results.data?.map((c) => (
              <ConnectorCard key={c.id} connector={c} />
            ))}
          </div>
        </section>
      </div>
    </section>
  );
}
