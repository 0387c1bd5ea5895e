/**
 * Building JQL (https://support.atlassian.com/jira-service-management-cloud/docs/use-advanced-search-with-jira-query-language-jql/):
 * quoted values, and date-times in the `yyyy-MM-dd HH:mm` form, which Jira reads in the time zone of the
 * account that runs the search (minute precision).
 */

/** A JQL string literal: double quotes, with backslashes and quotes escaped. */
export function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function partsIn(ms: number, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
}

/** Whether Intl knows the time zone (an IANA name such as `Europe/Berlin`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partsIn(0, timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The instant as `yyyy-MM-dd HH:mm` on the wall clock of `timeZone`, rounded down to the minute. */
export function jqlDateTime(ms: number, timeZone: string): string {
  const p = partsIn(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The issues of `base` (a JQL without ORDER BY) updated at or after `from`, oldest update first. */
export function updatedSinceJql(base: string, from: number, timeZone: string): string {
  return `(${base}) AND updated >= ${jqlString(jqlDateTime(from, timeZone))} ORDER BY updated ASC, key ASC`;
}
