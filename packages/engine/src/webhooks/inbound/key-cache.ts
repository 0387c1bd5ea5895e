export interface KeyCacheOptions {
  /** How long an entry is trusted: a change made by another process shows within this. */
  readonly ttlMs: number;
  /** Milliseconds from the engine's clock (tests move it). */
  readonly now: () => number;
  /** Entries kept at most (all are dropped when it is exceeded: keys are few, and an attacker's random keys are never cached). */
  readonly maxEntries?: number;
}

/**
 * The per-key lookups of the inbound path (settings, opened secret, connector), cached for `ttlMs`: a
 * burst of calls to a key waits for ONE lookup, not one each. Unknown keys (null) and failed lookups are
 * not cached. `invalidate` (a rotation in this process) drops the entry at once, and a lookup that was
 * already running when it happened answers its callers but caches nothing: it may have read the old secret.
 */
export function createKeyCache<T>(load: (key: string) => Promise<T | null>, options: KeyCacheOptions) {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { readonly value: T; readonly at: number }>();
  const loading = new Map<string, Promise<T | null>>();
  let generation = 0;

  function lookup(key: string): Promise<T | null> {
    const started = generation;
    const pending: Promise<T | null> = load(key)
      .then((value) => {
        if (value === null) entries.delete(key);
        else if (started === generation) {
          if (entries.size >= maxEntries) entries.clear();
          entries.set(key, { value, at: options.now() });
        }
        return value;
      })
      .finally(() => {
        if (loading.get(key) === pending) loading.delete(key);
      });
    loading.set(key, pending);
    return pending;
  }

  return {
    /** The cached value while fresh (no await needed), else the running or a new lookup. */
    get(key: string): T | Promise<T | null> {
      const hit = entries.get(key);
      if (hit && options.now() - hit.at < options.ttlMs) return hit.value;
      return loading.get(key) ?? lookup(key);
    },
    /** Forgets a key now; lookups already running keep their answer to themselves. */
    invalidate(key: string): void {
      generation++;
      entries.delete(key);
      loading.delete(key);
    },
  };
}
