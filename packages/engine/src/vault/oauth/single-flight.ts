/**
 * One run per key inside this process: callers arriving while a run is in flight share its result.
 * PGlite has one connection (and advisory locks are per session), so a database lock alone cannot keep
 * two callers in the same process apart; this does.
 */
export function createSingleFlight() {
  const flights = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const existing = flights.get(key);
      if (existing) return existing as Promise<T>;
      const flight = fn().finally(() => flights.delete(key));
      flights.set(key, flight);
      return flight;
    },
    get size(): number {
      return flights.size;
    },
  };
}

export type SingleFlight = ReturnType<typeof createSingleFlight>;
