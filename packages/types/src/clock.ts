/** Time as a dependency: production uses the system clock, tests a manual one. Nothing sleeps on its own. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time (a manual clock resolves when advanced past it). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
