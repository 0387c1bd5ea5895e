import { defineWebhook, type WebhookResult } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import type { JiraIssue } from '../jira-api/issue-types.ts';

interface IssuePayload {
  readonly webhookEvent?: unknown;
  readonly timestamp?: unknown;
  readonly issue?: Partial<JiraIssue>;
}

function isIssue(value: Partial<JiraIssue> | undefined): value is JiraIssue {
  return typeof value?.key === 'string' && typeof value.id === 'string' && value.fields !== null && typeof value.fields === 'object';
}

/**
 * Turns one delivery into records of `issues` (created and updated issues, whose payload carries the whole
 * issue: https://developer.atlassian.com/cloud/jira/platform/webhooks/#example-callback-for-an-issue-related-event)
 * or an `issue.deleted` event.
 */
export function handleIssueDelivery(body: unknown): WebhookResult {
  const payload = (body !== null && typeof body === 'object' ? body : {}) as IssuePayload;
  const event = typeof payload.webhookEvent === 'string' ? payload.webhookEvent : undefined;
  if ((event === 'jira:issue_created' || event === 'jira:issue_updated') && isIssue(payload.issue)) {
    return { records: [{ stream: 'issues', records: [payload.issue] }] };
  }
  if (event === 'jira:issue_deleted' && isIssue(payload.issue)) {
    return { events: [{ type: 'issue.deleted', data: { key: payload.issue.key, id: payload.issue.id } }] };
  }
  // Other events (comments, sprints, projects...) carry no issue to store: accepted and ignored.
  return {};
}

/**
 * Jira Cloud admin webhooks (System → WebHooks, or POST /rest/webhooks/1.0/webhook) registered with a
 * secret sign each delivery with `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks). Patchbay generates
 * the secret; the admin pastes it into the webhook's Secret field. `jira:issue_created` and
 * `jira:issue_updated` carry the issue as the REST API returns it, so they feed the `issues` stream (and
 * the ticket engine's status sync) directly.
 */
export const issueWebhook = defineWebhook<JiraConfig>({
  verification: { kind: 'hmac-sha256', header: 'X-Hub-Signature', encoding: 'hex', prefix: 'sha256=' },
  secretSource: 'generated',
  streams: ['issues'],
  events: ['issue.deleted'],
  handle: (request) => handleIssueDelivery(request.body),
});
