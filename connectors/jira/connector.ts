import { defineConnector } from '@patchbay/sdk';
import { addCommentAction } from './actions/add-comment.ts';
import { createTicket } from './actions/create-ticket.ts';
import { getTicket } from './actions/get-ticket.ts';
import { reopenTicket } from './actions/reopen-ticket.ts';
import { resolveTicket } from './actions/resolve-ticket.ts';
import { jiraAuth } from './auth.ts';
import { jiraConfig, siteUrlOf } from './config.ts';
import { getMyself, timeZoneOf } from './jira-api/myself.ts';
import { searchIssues } from './jira-api/search.ts';
import { issues, jqlRejected } from './streams/issues.ts';
import { jiraTicketing } from './ticket/ticketing.ts';
import { issueWebhook } from './webhook/issue-webhook.ts';

/**
 * Jira Cloud: issues of a JQL as OCSF Incident Findings (polled on `updated`, and pushed by admin
 * webhooks), and the ticket capability: issues opened idempotently with mapped fields and priority, moved
 * through the workflow, and commented. See README.md for permissions, rate limits and quirks.
 */
export default defineConnector({
  id: 'jira',
  name: 'Jira Cloud',
  vendor: 'Atlassian',
  category: 'ticketing',
  version: '1.0.0',
  description: 'Syncs Jira Cloud issues to OCSF and opens, transitions and comments issues for the ticket engine, with status sync through signed webhooks and JQL polling.',
  features: [
    'Issues of any JQL, incremental on updated, as OCSF Incident Findings',
    'Tickets: create idempotently by a dedup label, with priority table and custom fields',
    'Status moves through the workflow\'s transitions, mapped by a status table',
    'Comments in Atlassian Document Format',
    'Signed admin webhooks (X-Hub-Signature) for issue created and updated',
    'API token (basic) or OAuth 2.0 (3LO)',
    'Jira\'s Retry-After and rate-limit headers respected',
  ],
  icon: 'https://jira.atlassian.com/favicon.ico',
  docsUrl: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/',
  auth: jiraAuth,
  config: jiraConfig,
  capabilities: ['ingest', 'actions', 'ticket', 'webhook', 'query', 'push', 'bidirectional'],
  streams: [issues],
  actions: [createTicket, getTicket, addCommentAction, resolveTicket, reopenTicket],
  webhook: issueWebhook,
  ticket: jiraTicketing,
  allowedHosts: ['*.atlassian.net', 'api.atlassian.com'],
  // Jira Cloud limits by cost and burst per endpoint and tenant, and answers 429 with Retry-After
  // (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): a conservative budget here, and
  // the headers pace the client beyond it.
  rateLimits: { perMinute: 300, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const me = await getMyself(ctx);
    let visible = false;
    for await (const page of searchIssues(ctx, { jql: ctx.config.jql, fields: ['updated'], pageSize: 1, maxPages: 1, operation: 'search-issues', rejected: jqlRejected })) visible = page.length > 0;
    return {
      ok: true,
      details: { site: siteUrlOf(ctx.config) ?? null, account: me.displayName ?? null, account_id: me.accountId ?? null, time_zone: timeZoneOf(me), jql: ctx.config.jql, issues_visible: visible },
    };
  },
});
