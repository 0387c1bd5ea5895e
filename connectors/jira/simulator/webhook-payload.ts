import type { SiteUser } from './site-data.ts';
import type { ChangeItem, JiraSite } from './site.ts';
import { issueJson, userJson, type StoredIssue } from './stored-issue.ts';
import type { JiraWebhookEvent } from './webhooks.ts';

/**
 * The body of an issue event as Jira posts it to a webhook (https://developer.atlassian.com/cloud/jira/platform/webhooks/#example-callback-for-an-issue-related-event):
 * the event, its time, the acting user (the API account for API changes), the issue as the REST API renders it, and the changelog of an update.
 */
export function issueEventPayload(site: JiraSite, origin: string, event: JiraWebhookEvent, issue: StoredIssue, changelog?: readonly ChangeItem[], actor: SiteUser = site.me): Record<string, unknown> {
  return {
    timestamp: site.now(),
    webhookEvent: event,
    issue_event_type_name: event === 'jira:issue_created' ? 'issue_created' : 'issue_generic',
    user: userJson(origin, actor),
    issue: issueJson(issue, origin, site.customFields),
    ...(changelog && changelog.length > 0 ? { changelog: { id: String(site.now()), items: changelog } } : {}),
  };
}
