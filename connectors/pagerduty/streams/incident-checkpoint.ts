import { z } from 'zod';

/** The run in flight: where it reads, and what it has learnt so far (resumable after a crash). */
const runState = z.object({
  /** The run's end of creation time (when it started): later incidents are the next run's. */
  until: z.string(),
  /** Its start of creation time: incidents created earlier were resolved when the previous run ended. */
  since: z.string(),
  /** `reopened`: open incidents created before `since` (reopened ones; on a first run, old open ones); `windows`: incidents by creation window. */
  phase: z.enum(['reopened', 'windows']),
  /** Start of the creation window being read (phase windows). */
  window: z.string(),
  /** Offset within the current listing. */
  offset: z.number().int().min(0),
  /** The latest status change read so far. */
  newest: z.string().nullable(),
  /** The creation time of the oldest still-open incident read so far. */
  oldest_open: z.string().nullable(),
});

/**
 * Checkpoint of the `incidents` stream (streams/incidents.ts explains the reading):
 * `cursor` — every status change up to this instant is synced (null before the first completed run);
 * `since` — incidents created before it were all resolved at the end of the last run, so only a reopening
 * can change them; `run` — the run in flight, null between runs.
 */
export const incidentsCheckpoint = z.object({
  cursor: z.string().nullable(),
  since: z.string().nullable(),
  run: runState.nullable(),
});

export type IncidentsCheckpoint = z.output<typeof incidentsCheckpoint>;
export type RunState = z.output<typeof runState>;

export const iso = (ms: number) => new Date(ms).toISOString();

/** The earlier of two ISO instants (either may be null). */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** The later of two ISO instants (either may be null). */
export function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
