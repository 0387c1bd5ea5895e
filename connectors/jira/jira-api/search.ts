import { paginateCursor, paginateOffset, type ConnectorContext, type HttpClient, type HttpRequest, type HttpResponse, type PaginateContext } from '@patchbay/sdk';
import type { PatchbayError } from '@patchbay/types';
import type { JiraConfig } from '../config.ts';
import type { JiraIssue } from './issue-types.ts';

export interface SearchOptions {
  readonly jql: string;
  readonly fields: readonly string[];
  readonly pageSize: number;
  /** Names the request in logs and permission errors. */
  readonly operation: string;
  /** The error for a 400 (Jira refuses the JQL: an unknown field, project or value). */
  readonly rejected: (status: number, body: unknown) => PatchbayError;
  /** Stop after this many pages (a lookup needs one). */
  readonly maxPages?: number;
}

function request(url: string, body: Record<string, unknown>, options: SearchOptions): HttpRequest {
  return { method: 'POST', url, body, operation: options.operation, acceptStatus: [400] };
}

/** The context's client, turning a 400 (the JQL refused) into the caller's error. */
function checking(ctx: ConnectorContext<JiraConfig>, options: SearchOptions): PaginateContext {
  const send = async <T>(r: HttpRequest): Promise<HttpResponse<T>> => {
    const response = await ctx.http.request<T>(r);
    if (response.status === 400) throw options.rejected(response.status, response.body);
    return response;
  };
  const http: HttpClient = { request: send, get: (url, o) => send({ ...o, url, method: 'GET' }), post: (url, body, o) => send({ ...o, url, body, method: 'POST' }) };
  return { http, signal: ctx.signal };
}

/**
 * The issues a JQL search finds, page by page, through the endpoint the instance uses:
 * - `jql`: POST /rest/api/3/search/jql (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post),
 *   paged with `nextPageToken` until `isLast`;
 * - `legacy`: POST /rest/api/3/search (the operation in the contract description, searchForIssuesUsingJqlPost),
 *   paged with `startAt` and `maxResults` up to `total`.
 * Both are POSTs, so a long JQL never meets a URL length limit; a search changes nothing, so it is retried.
 */
export async function* searchIssues(ctx: ConnectorContext<JiraConfig>, options: SearchOptions): AsyncGenerator<readonly JiraIssue[], void, undefined> {
  const body = { jql: options.jql, fields: [...options.fields] };
  const paging = checking(ctx, options);
  if (ctx.config.search_api === 'legacy') {
    const pages = paginateOffset<JiraIssue>(paging, {
      request: request('/rest/api/3/search', body, options),
      items: 'issues',
      limit: options.pageSize,
      offsetParam: 'startAt',
      limitParam: 'maxResults',
      in: 'body',
      total: { body: 'total' },
      ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
    });
    for await (const page of pages) yield page.items;
    return;
  }
  const pages = paginateCursor<JiraIssue>(paging, {
    request: request('/rest/api/3/search/jql', { ...body, maxResults: options.pageSize }, options),
    items: 'issues',
    nextToken: { body: 'nextPageToken' },
    sendToken: { body: 'nextPageToken' },
    hasMore: (response) => ((response.body as { isLast?: unknown } | null)?.isLast === true ? false : undefined),
    stopOnEmptyPage: false,
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
  });
  for await (const page of pages) yield page.items;
}
