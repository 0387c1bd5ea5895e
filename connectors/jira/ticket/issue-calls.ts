import type { ConnectorContext, PlannedRequest, TicketDraft } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import { jiraError, jiraErrorField } from '../jira-api/errors.ts';
import type { JiraIssue } from '../jira-api/issue-types.ts';
import { searchIssues } from '../jira-api/search.ts';
import { ISSUE_FIELDS } from '../streams/issues.ts';
import { dedupLabel } from './dedup-label.ts';
import { addCommentRequest, createIssueRequest, dedupJql, editIssueRequest, getIssueRequest } from './requests.ts';

type Ctx = ConnectorContext<JiraConfig>;

/** Where a rejected field is set: the priority table, the issue type and project settings, or the field mapping. */
function hintFor(field: string | undefined): string {
  if (field === 'priority') return 'Check the priorities setting: each name must be a priority of the site, and the priority field must be on the project\'s create screen.';
  if (field === 'issuetype' || field === 'project') return 'Check the project_key and issue_type settings: the project must exist, use that issue type, and the account must be able to create issues in it.';
  if (field !== undefined) return `Check the field mapping for ${field}: the field must be on the project's screen and its value in the form Jira expects (rich text fields take Atlassian Document Format).`;
  return 'Correct what Jira names in its message; the README lists the fields and settings a ticket uses.';
}

/** Sends a request that Jira may refuse with 400 (invalid fields) or 404 (no such issue, or not visible). */
async function send<T>(ctx: Ctx, planned: PlannedRequest, what: string, key?: string): Promise<T> {
  const response = await ctx.http.request<T>({ ...planned, acceptStatus: [400, 404, 409, 422] });
  if (response.status === 404) {
    throw jiraError(404, response.body, {
      code: 'NOT_FOUND',
      what: key ? `Jira has no issue ${key}, or the account cannot browse it` : `${what}: not found`,
      hint: 'Check the issue key, and that the account has the Browse projects permission in its project.',
      ...(key ? { field: 'key' } : {}),
    });
  }
  if (response.status === 409) throw jiraError(409, response.body, { code: 'CONFLICT', what, hint: 'Jira is updating the issue: read it again and retry.' });
  if (response.status === 400 || response.status === 422) {
    const field = jiraErrorField(response.body);
    throw jiraError(response.status, response.body, { code: 'VENDOR_REQUEST_REJECTED', what, hint: hintFor(field), ...(field ? { field } : {}) });
  }
  return response.body;
}

/** GET /rest/api/3/issue/{key}. */
export async function getIssue(ctx: Ctx, key: string): Promise<JiraIssue> {
  return send<JiraIssue>(ctx, getIssueRequest(key), `Jira refused to read issue ${key}`, key);
}

/** The issue carrying the label (the oldest, should there be several), if any. */
export async function findByLabel(ctx: Ctx, label: string): Promise<JiraIssue | undefined> {
  const rejected = (status: number, body: unknown) =>
    jiraError(status, body, { code: 'VENDOR_REQUEST_REJECTED', what: 'Jira refused the search for the ticket\'s dedup label', hint: 'Check the dedup_label_prefix setting.', field: 'dedup_label_prefix' });
  for await (const page of searchIssues(ctx, { jql: dedupJql(label), fields: ISSUE_FIELDS, pageSize: 1, maxPages: 1, operation: 'find-ticket', rejected })) return page[0];
  return undefined;
}

/**
 * Opens the issue for a draft, or finds the one an earlier attempt opened: the dedup label is looked up
 * first, and the create is sent once (no retry: a repeated POST would open a second issue; the next
 * attempt's lookup finds the first).
 */
export async function createOrFind(ctx: Ctx, draft: TicketDraft): Promise<{ issue: JiraIssue; created: boolean }> {
  const label = dedupLabel(ctx.config.dedup_label_prefix, draft.dedupKey);
  const existing = await findByLabel(ctx, label);
  if (existing) return { issue: existing, created: false };
  const created = await send<{ key?: string }>(ctx, { ...createIssueRequest(ctx.config, draft, label), retry: false }, `Jira refused to create the issue in project ${ctx.config.project_key}`);
  if (typeof created?.key !== 'string') throw jiraError(201, created, { code: 'VENDOR_BAD_RESPONSE', what: 'Jira created an issue but answered without its key', hint: 'Search for the dedup label in Jira; the next attempt finds the issue by it.' });
  return { issue: await getIssue(ctx, created.key), created: true };
}

/** PUT /rest/api/3/issue/{key} with the fields (safe to repeat: it sets values). */
export async function editFields(ctx: Ctx, key: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
  await send(ctx, editIssueRequest(key, fields), `Jira refused to update the fields of ${key}`, key);
}

/** POST /rest/api/3/issue/{key}/comment, sent once (a repeat would add the comment twice). Returns the comment id. */
export async function addComment(ctx: Ctx, key: string, text: string): Promise<string | undefined> {
  const body = await send<{ id?: string }>(ctx, { ...addCommentRequest(key, text), retry: false }, `Jira refused the comment on ${key}`, key);
  return typeof body?.id === 'string' ? body.id : undefined;
}

export { send as sendJira };
