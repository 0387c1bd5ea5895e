import { createHash } from 'node:crypto';
import { jiraFailure, type Answer } from '../answers.ts';
import { runJql, type JqlContext } from '../jql/evaluate.ts';
import { JqlError, parseJql } from '../jql/parse.ts';
import type { JiraSite } from '../site.ts';
import { issueJson, type StoredIssue } from '../stored-issue.ts';
import { usableTimeZone } from '../zoned-time.ts';
import type { SimRequest } from './sim-request.ts';

/** The search parameters, from the query string (GET) or the JSON body (POST). */
function paramsOf(request: SimRequest): Record<string, unknown> {
  if (request.method === 'POST') return (request.body ?? {}) as Record<string, unknown>;
  const fields = request.query.getAll('fields').flatMap((f) => f.split(','));
  return { ...Object.fromEntries(request.query), ...(fields.length > 0 ? { fields } : {}) };
}

function fieldsOf(value: unknown, fallback: readonly string[] | undefined): readonly string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',');
  return fallback;
}

function find(site: JiraSite, jql: string): StoredIssue[] | Answer {
  const ctx: JqlContext = { timeZone: usableTimeZone(site.timeZone), nowMs: site.now(), me: site.me };
  try {
    return runJql(parseJql(jql), site.issues.values(), ctx);
  } catch (error) {
    if (error instanceof JqlError) return jiraFailure(400, [error.message]);
    throw error;
  }
}

/**
 * POST (or GET) /rest/api/3/search (searchForIssuesUsingJql[Post] in the contract description): `startAt`
 * and `maxResults` (default 50, at most 100), `total` counted; fields `*navigable` by default.
 */
export function searchLegacy(site: JiraSite, request: SimRequest): Answer {
  const params = paramsOf(request);
  const found = find(site, typeof params['jql'] === 'string' ? params['jql'] : '');
  if (!Array.isArray(found)) return found;
  const startAt = Math.max(0, Number(params['startAt'] ?? 0) || 0);
  const maxResults = Math.min(100, Math.max(0, Number(params['maxResults'] ?? 50) || 0));
  const fields = fieldsOf(params['fields'], undefined);
  const page = found.slice(startAt, startAt + maxResults).map((issue) => issueJson(issue, request.origin, site.customFields, fields));
  return { status: 200, body: { expand: 'schema,names', startAt, maxResults, total: found.length, issues: page } };
}

const tokenFor = (offset: number, jql: string) => Buffer.from(JSON.stringify({ o: offset, q: createHash('sha256').update(jql).digest('hex').slice(0, 16) })).toString('base64url');

function offsetOf(token: unknown, jql: string): number | undefined {
  if (token === undefined || token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    return typeof parsed.o === 'number' && tokenFor(parsed.o, jql) === token ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST (or GET) /rest/api/3/search/jql (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post):
 * a bounded JQL is required, pages continue with the opaque `nextPageToken` until `isLast`, no total;
 * fields default to the id alone, and `maxResults` is at most 100 with fields asked for.
 */
export function searchJql(site: JiraSite, request: SimRequest): Answer {
  const params = paramsOf(request);
  const jql = typeof params['jql'] === 'string' ? params['jql'] : '';
  if (!/\S/.test(jql.replace(/\border\s+by\b.*$/is, ''))) return jiraFailure(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  const found = find(site, jql);
  if (!Array.isArray(found)) return found;
  const offset = offsetOf(params['nextPageToken'], jql);
  if (offset === undefined) return jiraFailure(400, ['The provided next page token is invalid or expired.']);
  const maxResults = Math.min(100, Math.max(1, Number(params['maxResults'] ?? 50) || 50));
  const fields = fieldsOf(params['fields'], ['id']);
  const page = found.slice(offset, offset + maxResults).map((issue) => issueJson(issue, request.origin, site.customFields, fields));
  const next = offset + maxResults < found.length ? tokenFor(offset + maxResults, jql) : undefined;
  return { status: 200, body: { issues: page, ...(next ? { nextPageToken: next } : {}), isLast: next === undefined } };
}
