/** Wall-clock times in an IANA time zone, the way Jira reads JQL dates in the searching account's zone. */

function wallClockMs(ms: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]));
  return Date.UTC(p['year']!, p['month']! - 1, p['day'], p['hour'], p['minute'], p['second']) + (ms % 1000 + 1000) % 1000;
}

/** The instant whose wall clock in `timeZone` reads the given date and time. */
export function zonedToEpochMs(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc - (wallClockMs(asUtc, timeZone) - asUtc);
  // Near a DST change the offset at the guess can differ from the offset at the first estimate: correct once.
  guess = asUtc - (wallClockMs(guess, timeZone) - guess);
  return guess;
}

/** The zone itself when Intl knows it, else UTC (how the simulated site reads dates for an account with an unknown zone). */
export function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
