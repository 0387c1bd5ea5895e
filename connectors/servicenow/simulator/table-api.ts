import { aclFailed, invalidTable, noRecord, notAuthorized, snError, type Answer } from './answers.ts';
import { matches, ordered, parseEncodedQuery } from './encoded-query.ts';
import { insertIncident, updateIncident, type SimUser } from './incident-rules.ts';
import type { InstanceStore } from './instance-store.ts';
import { renderOptions, renderRow } from './render.ts';
import { extendsTable, fieldsOf, isTable } from './schema.ts';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly origin: string;
}

export interface ApiOptions {
  readonly nextNumber: () => string;
}

/** The role a user needs to read a table (the base instance's table read ACLs, simplified). */
function canRead(user: SimUser, table: string): boolean {
  if (user.roles.includes('admin')) return true;
  if (extendsTable(table, 'task') || table === 'task') return user.roles.includes('itil');
  if (extendsTable(table, 'cmdb_ci')) return user.roles.includes('itil') || user.roles.includes('cmdb_read');
  return true;
}

/** Link header of a page: first, prev, next and last, each the request's URL at another sysparm_offset; none when everything fits on the first page. */
function linkHeader(request: ApiRequest, offset: number, limit: number, total: number): string | undefined {
  if (offset === 0 && total <= limit) return undefined;
  const at = (o: number) => {
    const query = new URLSearchParams(request.query);
    query.set('sysparm_limit', String(limit));
    query.set('sysparm_offset', String(o));
    return `<${request.origin}${request.path}?${query.toString()}>`;
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  return [
    `${at(0)};rel="first"`,
    ...(offset > 0 ? [`${at(Math.max(0, offset - limit))};rel="prev"`] : []),
    ...(offset + limit < total ? [`${at(offset + limit)};rel="next"`] : []),
    `${at(last)};rel="last"`,
  ].join(',');
}

/**
 * GET /api/now/table/{tableName} (https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html):
 * sysparm_query filters and orders, sysparm_limit (default 10000) and sysparm_offset page; X-Total-Count
 * is the number of matches and Link names the first, previous, next and last pages. Records a row-level
 * ACL hides are counted but left out of their page, so a page may hold fewer records than the limit, or
 * none, while the listing goes on (KB3047115, https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB3047115).
 */
function listRecords(store: InstanceStore, table: string, request: ApiRequest): Answer {
  const query = parseEncodedQuery(request.query.get('sysparm_query') ?? '');
  const known = new Set(fieldsOf(table));
  const rows = ordered(store.list(table).filter((row) => matches(row, query, (field) => known.has(field))), query);
  const limit = Math.max(1, Number(request.query.get('sysparm_limit') ?? '10000') || 10000);
  const offset = Math.max(0, Number(request.query.get('sysparm_offset') ?? '0') || 0);
  const render = renderOptions(request.query, request.origin);
  // Row-level read ACLs apply after the query: hidden records count in X-Total-Count and leave pages short.
  const page = rows.slice(offset, offset + limit).filter((row) => !store.hidden.has(row.sys_id ?? ''));
  const link = linkHeader(request, offset, limit, rows.length);
  return {
    status: 200,
    headers: { 'x-total-count': String(rows.length), ...(link ? { link } : {}) },
    body: { result: page.map((row) => renderRow(store, row, render)) },
  };
}

/** Routes an authenticated Table API request of the simulated instance. */
export function serveTable(store: InstanceStore, request: ApiRequest, user: SimUser, options: ApiOptions): Answer {
  const match = /^\/api\/now(?:\/v[12])?\/table\/([^/]+)(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return snError(400, 'Requested URI does not represent any resource', null);
  const [, table, sysId] = match as unknown as [string, string, string | undefined];
  if (!isTable(table)) return invalidTable(table);
  const render = renderOptions(request.query, request.origin);
  const displayInput = request.query.get('sysparm_input_display_value') === 'true';
  if (request.method === 'GET') {
    if (!canRead(user, table)) return notAuthorized();
    if (sysId === undefined) return listRecords(store, table, request);
    const row = store.get(table, sysId);
    return row && !store.hidden.has(sysId) ? { status: 200, body: { result: renderRow(store, row, render) } } : noRecord();
  }
  if (request.method === 'POST' && sysId === undefined) {
    if (table !== 'incident') return aclFailed('Insert');
    const outcome = insertIncident(store, request.body, user, displayInput, options.nextNumber);
    if (!outcome.ok) return outcome.answer;
    return { status: 201, headers: { location: `${request.origin}/api/now/table/incident/${outcome.row.sys_id}` }, body: { result: renderRow(store, outcome.row, render) } };
  }
  if ((request.method === 'PATCH' || request.method === 'PUT') && sysId !== undefined) {
    const row = store.get(table, sysId);
    if (!row || !canRead(user, table)) return noRecord();
    if (table !== 'incident') return aclFailed('Update');
    const outcome = updateIncident(store, row, request.body, user, displayInput);
    return outcome.ok ? { status: 200, body: { result: renderRow(store, outcome.row, render) } } : outcome.answer;
  }
  if (request.method === 'DELETE' && sysId !== undefined) return snError(403, 'Operation Failed', 'ACL Exception Delete Failed due to security constraints');
  return snError(405, 'Method not Supported', `${request.method} is not supported by this resource`);
}
