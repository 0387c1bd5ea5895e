/**
 * Jira writes times as `2026-05-01T09:30:00.000+0000`: ISO 8601 with a zone offset without a colon
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#timestamps). The offset is kept as
 * given; a time without a zone is not guessed into one.
 */
const JIRA_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(Z|[+-]\d\d:?\d\d)$/;

/** Epoch milliseconds of a Jira time, or undefined when it is absent or not a zoned time. */
export function jiraTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = JIRA_TIME.exec(value);
  if (!match) return undefined;
  const zone = match[2] === 'Z' ? 'Z' : `${match[2]!.slice(0, 3)}:${match[2]!.slice(-2)}`;
  const ms = Date.parse(`${match[1]}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `2026-05-01T09:30:00.000+0000` in UTC, as Jira writes it. */
export function formatJiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
