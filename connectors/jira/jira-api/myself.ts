import type { ConnectorContext } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import type { JiraUser } from './issue-types.ts';
import { isKnownTimeZone } from './jql.ts';

/**
 * GET /rest/api/3/myself (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get):
 * the account the integration acts as, with the time zone Jira reads JQL dates in.
 */
export async function getMyself(ctx: ConnectorContext<JiraConfig>): Promise<JiraUser> {
  const response = await ctx.http.get<JiraUser | null>('/rest/api/3/myself', { operation: 'get-myself' });
  return response.body ?? {};
}

/** The account's time zone when Intl knows it, else UTC (Jira's default for an account without one). */
export function timeZoneOf(user: JiraUser): string {
  return typeof user.timeZone === 'string' && isKnownTimeZone(user.timeZone) ? user.timeZone : 'UTC';
}
