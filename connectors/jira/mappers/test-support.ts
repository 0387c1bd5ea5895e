import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';
import type { JiraIssue } from '../jira-api/issue-types.ts';

/** Test helper: the issues of the hand-written search page (fixtures/search-page.json, SDK fixture format). */
export function fixtureIssues(): JiraIssue[] {
  const file = JSON.parse(readFileSync(new URL('../fixtures/search-page.json', import.meta.url), 'utf8')) as { exchanges: { response: { body: { json: { issues: JiraIssue[] } } } }[] };
  return file.exchanges[0]!.response.body.json.issues;
}

/** Test helper: the body of the hand-written jira:issue_updated delivery. */
export function webhookFixture(): { headers: Record<string, string>; body: { issue: JiraIssue } & Record<string, unknown> } {
  return JSON.parse(readFileSync(new URL('../fixtures/webhook-issue-updated.json', import.meta.url), 'utf8')) as never;
}

export const receivedAt = new Date('2026-05-01T00:00:00.000Z');

export const meta: MapMeta = { connector: { id: 'jira', name: 'Jira Cloud', vendor: 'Atlassian', version: '1.0.0' }, stream: 'issues', instanceId: 'test', receivedAt };
