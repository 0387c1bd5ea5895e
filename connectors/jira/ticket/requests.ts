import type { PlannedRequest, TicketDraft, TicketPriority } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import { textToAdf } from '../jira-api/adf.ts';
import { jqlString } from '../jira-api/jql.ts';
import { ISSUE_FIELDS } from '../streams/issues.ts';
import { jiraLabels } from './dedup-label.ts';

/** Jira's summary holds at most 255 characters. */
const MAX_SUMMARY = 255;
const issuePath = (key: string) => `/rest/api/3/issue/${encodeURIComponent(key)}`;

/** The JQL that finds the issue carrying a dedup label (in any project: a ticket moved elsewhere is still found). */
export function dedupJql(label: string): string {
  return `labels = ${jqlString(label)} ORDER BY created ASC`;
}

/** The search for the issue carrying a dedup label, as `searchIssues` sends it through the instance's endpoint. */
export function dedupSearchRequest(config: JiraConfig, label: string): PlannedRequest {
  const jql = dedupJql(label);
  if (config.search_api === 'legacy') return { method: 'POST', url: '/rest/api/3/search', body: { jql, fields: [...ISSUE_FIELDS], startAt: 0, maxResults: 1 }, operation: 'find-ticket' };
  return { method: 'POST', url: '/rest/api/3/search/jql', body: { jql, fields: [...ISSUE_FIELDS], maxResults: 1 }, operation: 'find-ticket' };
}

/**
 * POST /rest/api/3/issue (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post):
 * project and issue type from the instance, the summary, the description as ADF, the priority by name
 * through the priority table, the labels with the dedup label, and the rendered field mapping
 * (`customfield_NNNNN` and system fields) as given.
 */
export function createIssueRequest(config: JiraConfig, draft: TicketDraft, label: string): PlannedRequest {
  const fields: Record<string, unknown> = {
    ...draft.fields,
    project: { key: config.project_key },
    issuetype: { name: config.issue_type },
    summary: draft.title.replace(/\s+/g, ' ').trim().slice(0, MAX_SUMMARY),
    ...(draft.description.trim() !== '' ? { description: textToAdf(draft.description) } : {}),
    priority: priorityField(config, draft.priority),
    labels: jiraLabels([...draft.labels, label]),
  };
  return { method: 'POST', url: '/rest/api/3/issue', body: { fields }, operation: 'create-issue' };
}

/** The Jira priority of a Patchbay priority, by name through the instance's priorities table. */
export function priorityField(config: Pick<JiraConfig, 'priorities'>, priority: TicketPriority): { name: string } {
  return { name: config.priorities[String(priority) as keyof JiraConfig['priorities']] };
}

/** GET /rest/api/3/issue/{key} with every navigable field. */
export function getIssueRequest(key: string): PlannedRequest {
  return { method: 'GET', url: issuePath(key), query: { fields: ISSUE_FIELDS.join(',') }, operation: 'get-issue' };
}

/** PUT /rest/api/3/issue/{key}: sets the fields given (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put). */
export function editIssueRequest(key: string, fields: Readonly<Record<string, unknown>>): PlannedRequest {
  return { method: 'PUT', url: issuePath(key), body: { fields }, operation: 'edit-issue' };
}

/** GET /rest/api/3/issue/{key}/transitions with each transition's screen fields (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get). */
export function transitionsRequest(key: string): PlannedRequest {
  return { method: 'GET', url: `${issuePath(key)}/transitions`, query: { expand: 'transitions.fields' }, operation: 'get-transitions' };
}

/** POST /rest/api/3/issue/{key}/transitions (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post). */
export function doTransitionRequest(key: string, transitionId: string, fields?: Readonly<Record<string, unknown>>): PlannedRequest {
  return { method: 'POST', url: `${issuePath(key)}/transitions`, body: { transition: { id: transitionId }, ...(fields ? { fields } : {}) }, operation: 'transition-issue' };
}

/** POST /rest/api/3/issue/{key}/comment with the text as ADF (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post). */
export function addCommentRequest(key: string, text: string): PlannedRequest {
  return { method: 'POST', url: `${issuePath(key)}/comment`, body: { body: textToAdf(text) }, operation: 'add-comment' };
}
