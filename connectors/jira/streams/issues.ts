import { datetimeCursorStateSchema, defineStream, incrementalByDatetime } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { jiraError } from '../jira-api/errors.ts';
import type { JiraIssue } from '../jira-api/issue-types.ts';
import { jiraTimeMs } from '../jira-api/jira-time.ts';
import { updatedSinceJql } from '../jira-api/jql.ts';
import { getMyself, timeZoneOf } from '../jira-api/myself.ts';
import { searchIssues } from '../jira-api/search.ts';
import { mapIssue } from '../mappers/issue.ts';

const DAY_MS = 86_400_000;
const checkpoint = z.object({ cursor: datetimeCursorStateSchema });

/** What the stream and the ticket calls ask Jira for: every navigable field (custom fields included). */
export const ISSUE_FIELDS = ['*navigable'] as const;

/** The JQL refused: the instance's `jql` names a field, project or value Jira does not know (or the account cannot see). */
export function jqlRejected(status: number, body: unknown) {
  return jiraError(status, body, {
    code: 'CONFIG_INVALID',
    what: 'Jira refused the JQL of the issues stream',
    hint: 'Correct the jql setting; Jira\'s message names the field, project or value it does not know or the account cannot see.',
    field: 'jql',
  });
}

/**
 * Issues matching the instance's JQL, incremental on `updated`. JQL compares dates to the minute in the
 * time zone of the account (GET /rest/api/3/myself), so each run asks for `updated >= "<cursor minus the
 * overlap, rounded down to the minute>"` ordered by (updated, key) and drops the (updated, key) pairs it
 * already emitted: equal times at a page boundary lose nothing and repeat nothing; changed issues come again.
 */
export const issues = defineStream<JiraIssue, typeof checkpoint, JiraConfig>({
  name: 'issues',
  ocsf: { class: 'incident_finding', classUid: 2005 },
  primaryKey: 'key',
  checkpoint,
  fullRefresh: false,
  permissions: ['read:jira-work', 'read:jira-user', 'Browse projects'],
  schedule: { intervalMinutes: 5 },
  fetch: async function* (ctx, state) {
    const timeZone = timeZoneOf(await getMyself(ctx));
    const pages = incrementalByDatetime<JiraIssue>({
      clock: ctx.clock,
      state: state?.cursor,
      startAt: (now) => new Date(now.getTime() - ctx.config.start_days_ago * DAY_MS),
      overlapMs: ctx.config.overlap_minutes * 60_000,
      timestamp: (issue) => jiraTimeMs(issue.fields?.updated) ?? String(issue.fields?.updated ?? ''),
      id: (issue) => issue.key,
      order: 'ascending',
      query: ({ from }) =>
        searchIssues(ctx, { jql: updatedSinceJql(ctx.config.jql, from.getTime(), timeZone), fields: ISSUE_FIELDS, pageSize: ctx.config.page_size, operation: 'search-issues', rejected: jqlRejected }),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapIssue,
});
