/** An RFC 3339 time with a zone, as Okta writes them (`2024-04-02T19:17:37.621Z`). */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an Okta time, or undefined when the value is missing or has no zone (a copy of
 * an event whose time was reformatted without one, as in some exports): such a time is never guessed.
 */
export function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ZONED.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `{ time, metadata.original_time }`: the vendor time when it is readable, else the time the page arrived. */
export function eventTime(value: unknown, receivedAt: Date): { readonly time: number; readonly original?: string } {
  const ms = epochMs(value);
  return { time: ms ?? receivedAt.getTime(), ...(typeof value === 'string' ? { original: value } : {}) };
}
