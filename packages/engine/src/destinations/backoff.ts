/** Waits between attempts of a failing destination (clock time): 1 s, 5 s, 30 s, 2 min, 5 min, then every 10 min. */
export const DESTINATION_RETRY_MS = [1_000, 5_000, 30_000, 120_000, 300_000, 600_000] as const;

/** The wait after the n-th consecutive failure (1-based). */
export function retryDelayMs(failures: number): number {
  return DESTINATION_RETRY_MS[Math.min(Math.max(1, failures), DESTINATION_RETRY_MS.length) - 1]!;
}
