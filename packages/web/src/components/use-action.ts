import { useCallback, useState } from 'react';

export interface Action {
  readonly busy: boolean;
  readonly error: Error | null;
  /** Runs a change; its failure (a problem+json from the API) is kept in `error` to show inline. True when it worked. */
  run(change: () => Promise<unknown>): Promise<boolean>;
  clear(): void;
}

/** The state of a button or form that changes something through the API: busy while it runs, its error after. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const run = useCallback(async (change: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await change();
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
