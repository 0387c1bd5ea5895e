/** An ISO 8601 time with a zone (`2020-02-14T18:12:22.316Z`), as GuardDuty's API sends its times. */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of a GuardDuty time, or undefined when it has no zone or does not parse. Copies
 * that went through other pipelines sometimes lose the zone (`2025-02-25 20:40:06.721` in the Panther
 * samples); such a time is not guessed into one, and stays under `unmapped`.
 */
export function zonedTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !ZONED.test(value.trim())) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}
