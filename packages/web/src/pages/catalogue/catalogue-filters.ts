/** The catalogue's filters, kept in the URL (`?q=okta&category=identity&installed=false`) so a view can be shared. */
export interface CatalogueFilters {
  readonly q: string;
  readonly category: string;
  readonly capability: string;
  readonly authMethod: string;
  /** '' (all), 'true' (installed) or 'false' (not installed). */
  readonly installed: '' | 'true' | 'false';
}

export function filtersFrom(params: URLSearchParams): CatalogueFilters {
  const installed = params.get('installed');
  return {
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    capability: params.get('capability') ?? '',
    authMethod: params.get('auth_method') ?? '',
    installed: installed === 'true' || installed === 'false' ? installed : '',
  };
}

export function paramsFrom(f: CatalogueFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.category) p.set('category', f.category);
  if (f.capability) p.set('capability', f.capability);
  if (f.authMethod) p.set('auth_method', f.authMethod);
  if (f.installed) p.set('installed', f.installed);
  return p;
}

/** The API query for a filter set (only what is set). */
export function queryFrom(f: CatalogueFilters) {
  return {
    ...(f.q ? { q: f.q } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.capability ? { capability: f.capability } : {}),
    ...(f.authMethod ? { auth_method: f.authMethod } : {}),
    ...(f.installed ? { installed: f.installed } : {}),
  };
}

export const isFiltered = (f: CatalogueFilters) => Boolean(f.q || f.category || f.capability || f.authMethod || f.installed);

/** Every distinct value of a list field across connectors, sorted. */
export function distinct<T>(items: readonly T[], pick: (item: T) => readonly string[]): string[] {
  return [...new Set(items.flatMap(pick))].sort();
}

/** The best rated connectors (reviewed ones only): highest average first, then the most reviewed, then by name. */
export function topRated<T extends { name: string; rating: number | null; review_count: number }>(connectors: readonly T[], count = 5): T[] {
  return connectors
    .filter((c) => c.rating !== null)
    .sort((a, b) => b.rating! - a.rating! || b.review_count - a.review_count || a.name.localeCompare(b.name))
    .slice(0, count);
}
