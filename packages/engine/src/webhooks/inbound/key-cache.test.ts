import { describe, expect, it } from 'vitest';
import { createKeyCache } from './key-cache.ts';

/** A loader whose lookups finish when the test says so, counting them. */
function deferredLoader() {
  const calls: { key: string; finish: (value: string | null) => void; fail: (error: Error) => void }[] = [];
  const load = (key: string) => new Promise<string | null>((resolve, reject) => calls.push({ key, finish: resolve, fail: reject }));
  return { load, calls };
}

describe('the inbound key cache', () => {
  it('makes a burst of calls to a key wait for one lookup, then answers from the cache until the TTL', async () => {
    let now = 0;
    const { load, calls } = deferredLoader();
    const cache = createKeyCache(load, { ttlMs: 5000, now: () => now });
    const burst = Array.from({ length: 20 }, () => cache.get('k'));
    expect(calls).toHaveLength(1);
    calls[0]!.finish('settings v1');
    expect(await Promise.all(burst)).toEqual(Array(20).fill('settings v1'));
    now = 4999;
    expect(cache.get('k')).toBe('settings v1');
    expect(calls).toHaveLength(1);
    now = 5000;
    const again = cache.get('k');
    expect(calls).toHaveLength(2);
    calls[1]!.finish('settings v2');
    expect(await again).toBe('settings v2');
  });

  it('sees a rotation at once: invalidate drops the entry, and a lookup running meanwhile caches nothing', async () => {
    const { load, calls } = deferredLoader();
    const cache = createKeyCache(load, { ttlMs: 5000, now: () => 0 });
    const cached = cache.get('k');
    calls[0]!.finish('old secret');
    await cached;
    cache.invalidate('k');
    const during = cache.get('k');
    expect(calls).toHaveLength(2);
    // The rotation commits while this lookup runs: it may have read the old secret.
    cache.invalidate('k');
    calls[1]!.finish('old secret');
    expect(await during).toBe('old secret');
    const after = cache.get('k');
    expect(calls).toHaveLength(3);
    calls[2]!.finish('new secret');
    expect(await after).toBe('new secret');
    expect(cache.get('k')).toBe('new secret');
  });

  it('caches neither unknown keys nor failed lookups', async () => {
    const { load, calls } = deferredLoader();
    const cache = createKeyCache(load, { ttlMs: 5000, now: () => 0 });
    const unknown = cache.get('nope');
    calls[0]!.finish(null);
    expect(await unknown).toBeNull();
    const failing = [cache.get('k'), cache.get('k')];
    expect(calls).toHaveLength(2);
    calls[1]!.fail(new Error('database down'));
    for (const f of failing) await expect(f).rejects.toThrow('database down');
    void cache.get('nope');
    void cache.get('k');
    expect(calls.map((c) => c.key)).toEqual(['nope', 'k', 'nope', 'k']);
  });
});
