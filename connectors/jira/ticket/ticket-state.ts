import type { TicketState } from '@patchbay/sdk';
import { browseUrl, type JiraConfig } from '../config.ts';
import type { JiraIssue } from '../jira-api/issue-types.ts';
import { jiraTimeMs } from '../jira-api/jira-time.ts';
import { browseUrlOf } from '../mappers/issue.ts';

/** System fields read back for field ownership, besides every custom field that has a value. */
function readBack(issue: JiraIssue): Record<string, unknown> {
  const f = issue.fields;
  const out: Record<string, unknown> = {};
  if (typeof f.summary === 'string') out['summary'] = f.summary;
  if (typeof f.priority?.name === 'string') out['priority'] = f.priority.name;
  if (Array.isArray(f.labels)) out['labels'] = [...f.labels];
  if (f.assignee !== undefined) out['assignee'] = f.assignee?.accountId ? { accountId: f.assignee.accountId } : null;
  if (f.duedate !== undefined) out['duedate'] = f.duedate;
  if (Array.isArray(f['components'])) out['components'] = f['components'];
  for (const [name, value] of Object.entries(f)) if (/^customfield_\d+$/.test(name) && value !== null && value !== undefined) out[name] = value;
  return out;
}

/** A Jira issue as the ticket engine reads it: key, link, Jira's status name, fields it may own, last update. */
export function ticketStateOf(config: JiraConfig, issue: JiraIssue): TicketState {
  const updated = jiraTimeMs(issue.fields.updated);
  return {
    key: issue.key,
    url: browseUrl(config, issue.key) ?? browseUrlOf(issue.self, issue.key) ?? issue.self ?? issue.key,
    status: issue.fields.status?.name ?? 'unknown',
    fields: readBack(issue),
    ...(updated !== undefined ? { updatedAt: new Date(updated) } : {}),
  };
}
