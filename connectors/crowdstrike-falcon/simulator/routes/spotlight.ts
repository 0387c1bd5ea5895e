import type { VulnerabilityRecord } from '../../mappers/vulnerability.ts';
import { BadRequest, ok, type Answer } from '../answer.ts';
import type { Collection } from '../data/collection.ts';
import { integerParam, rangeOf } from '../fql.ts';
import type { PageTokens } from '../page-tokens.ts';

const LISTING = 'spotlight';
const FACETS = ['cve', 'host_info', 'remediation', 'evaluation_logic'] as const;
const SORTS = new Set(['updated_timestamp|asc', 'updated_timestamp.asc']);

/** The record with only the facet blocks asked for (the combined endpoint leaves the others out). */
function withFacets(vuln: VulnerabilityRecord, facets: readonly string[]): VulnerabilityRecord {
  const out: Record<string, unknown> = { ...vuln };
  for (const facet of FACETS) if (!facets.includes(facet)) delete out[facet];
  return out as VulnerabilityRecord;
}

/**
 * GET /spotlight/combined/vulnerabilities/v1 (https://developer.crowdstrike.com/api-reference/collections/spotlight-vulnerabilities/#combinedqueryvulnerabilities):
 * `filter` is required (FQL; the simulator reads updated_timestamp ranges), `sort` updated_timestamp|asc,
 * `limit` 1-5000 (default 100), `after` from the previous page's meta.pagination.after (absent on the
 * last page), repeated `facet` for the detail blocks. An unknown or expired `after` is refused with 400.
 */
export function queryVulnerabilities(query: URLSearchParams, vulns: Collection<VulnerabilityRecord>, tokens: PageTokens, fault?: 'expire-page-token' | 'empty-page'): Answer {
  const filter = query.get('filter');
  if (filter === null || filter.trim() === '') throw new BadRequest('filter is required');
  const sort = query.get('sort');
  if (sort !== null && !SORTS.has(sort)) throw new BadRequest(`The simulator sorts by updated_timestamp|asc only, not ${sort}`);
  const limit = integerParam(query, 'limit', 100, 1, 5000);
  const after = query.get('after');
  const state = after === null ? undefined : tokens.read(after, LISTING);
  if (after !== null && state === undefined) throw new BadRequest('Invalid after token');
  if (state && fault === 'expire-page-token') tokens.expire(state);
  if (state && tokens.isExpired(state, undefined)) throw new BadRequest('The after token has expired');
  const list = vulns.list(rangeOf(filter, 'updated_timestamp'));
  let start = 0;
  if (state) {
    const [at, id] = state.after as [string, string];
    const index = list.findIndex((v) => v.updated_timestamp > at || (v.updated_timestamp === at && v.id > id));
    start = index === -1 ? list.length : index;
  }
  const empty = state !== undefined && fault === 'empty-page';
  const page = empty ? [] : list.slice(start, start + limit);
  const last = page.at(-1);
  const more = empty || start + page.length < list.length;
  const next = !more ? undefined : last ? tokens.issue(LISTING, [last.updated_timestamp, last.id]) : tokens.issue(LISTING, state!.after);
  const facets = query.getAll('facet');
  return ok(page.map((v) => withFacets(v, facets)), { limit, total: list.length, ...(next ? { after: next } : {}) });
}
