import type { Clock } from '@patchbay/types';

/**
 * A promise that rejects with `error()` once `ms` have passed on `clock`, for racing against work with a
 * time budget. Aborting `cancel` (when the work settled first) removes the wait; the promise then never
 * settles, so a race that already ended sees nothing more.
 */
export function deadline(clock: Clock, ms: number, cancel: AbortSignal, error: () => Error): Promise<never> {
  return clock.sleep(ms, cancel).then(
    () => {
      throw error();
    },
    () => new Promise<never>(() => undefined),
  );
}
