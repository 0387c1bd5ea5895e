import type { AsffFinding } from '../mappers/asff.ts';
import { errors, type Answer } from './aws-errors.ts';
import { byUpdated } from './finding-store.ts';
import type { PageTokens } from './page-tokens.ts';

/**
 * GetFindings, POST /findings (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html):
 * Filters (the simulator knows UpdatedAt DateFilters with Start/End, and EQUALS StringFilters on Region,
 * AwsAccountId and Id; up to 20 values per attribute), SortCriteria on UpdatedAt, MaxResults 1-100,
 * NextToken. In the home Region with cross-Region aggregation, findings of linked Regions are listed too.
 */
export interface GetFindingsBody {
  readonly Filters?: Readonly<Record<string, unknown>>;
  readonly SortCriteria?: readonly { readonly Field?: string; readonly SortOrder?: string }[];
  readonly MaxResults?: unknown;
  readonly NextToken?: unknown;
}

type Predicate = (finding: AsffFinding) => boolean;
const STRING_FIELDS: Readonly<Record<string, (f: AsffFinding) => string | undefined>> = { Region: (f) => f.Region, AwsAccountId: (f) => f.AwsAccountId, Id: (f) => f.Id };
const MAX_VALUES = 20;

function predicateOf(name: string, values: unknown): Predicate | string {
  if (!Array.isArray(values) || values.length === 0) return `Filters.${name} must be a non-empty list`;
  if (values.length > MAX_VALUES) return `Filters.${name} has more than ${MAX_VALUES} values`;
  if (name === 'UpdatedAt') {
    const ranges = values as { Start?: string; End?: string }[];
    if (ranges.some((r) => (r.Start !== undefined && Number.isNaN(Date.parse(r.Start))) || (r.End !== undefined && Number.isNaN(Date.parse(r.End))))) return 'UpdatedAt Start and End must be timestamps';
    return (f) => ranges.some((r) => (r.Start === undefined || Date.parse(f.UpdatedAt) >= Date.parse(r.Start)) && (r.End === undefined || Date.parse(f.UpdatedAt) <= Date.parse(r.End)));
  }
  const field = STRING_FIELDS[name];
  if (!field) return `The simulator does not support the filter ${name}`;
  const filters = values as { Value?: string; Comparison?: string }[];
  if (filters.some((v) => v.Comparison !== 'EQUALS' || typeof v.Value !== 'string')) return `Filters.${name}: the simulator supports EQUALS comparisons only`;
  return (f) => filters.some((v) => field(f) === v.Value);
}

export function serveGetFindings(body: GetFindingsBody, all: readonly AsffFinding[], tokens: PageTokens, fault?: 'expire-page-token' | 'empty-page'): Answer {
  const max = body.MaxResults ?? 100;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) return errors.invalidInput('MaxResults must be an integer from 1 to 100');
  const predicates: Predicate[] = [];
  for (const [name, values] of Object.entries(body.Filters ?? {})) {
    const predicate = predicateOf(name, values);
    if (typeof predicate === 'string') return errors.invalidInput(predicate);
    predicates.push(predicate);
  }
  const sort = body.SortCriteria?.[0];
  if (sort && (sort.Field !== 'UpdatedAt' || !['asc', 'desc'].includes(sort.SortOrder ?? 'asc'))) return errors.invalidInput('The simulator sorts on UpdatedAt (asc or desc) only');
  const descending = sort?.SortOrder === 'desc';
  const query = JSON.stringify({ Filters: body.Filters ?? {}, SortCriteria: body.SortCriteria ?? [] });
  const matching = all.filter((f) => predicates.every((p) => p(f))).sort(byUpdated);
  if (descending) matching.reverse();
  let start = 0;
  if (body.NextToken !== undefined) {
    const state = typeof body.NextToken === 'string' ? tokens.read(body.NextToken) : undefined;
    if (!state || state.query !== query) return errors.invalidInput('The NextToken is not valid for this request');
    if (fault === 'expire-page-token') tokens.expire(state);
    if (tokens.isExpired(state)) return errors.invalidInput('The NextToken has expired');
    if (fault === 'empty-page') return { status: 200, body: { Findings: [], NextToken: tokens.issue(state.after, query) } };
    const [at, id] = state.after;
    const after = { UpdatedAt: at, Id: id } as AsffFinding;
    start = matching.findIndex((f) => (descending ? byUpdated(f, after) < 0 : byUpdated(f, after) > 0));
    if (start < 0) start = matching.length;
  }
  const page = matching.slice(start, start + max);
  const last = page.at(-1);
  const more = start + max < matching.length && last !== undefined;
  return { status: 200, body: { Findings: page, ...(more ? { NextToken: tokens.issue([last.UpdatedAt, last.Id], query) } : {}) } };
}
