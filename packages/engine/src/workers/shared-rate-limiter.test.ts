import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { planBudget } from './rate-budget.ts';
import { SharedRateLimiter } from './shared-rate-limiter.ts';

const log = pino({ level: 'silent' });

/** Yields to the event loop until `check` holds (real time, bounded). */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('rate budget plan', () => {
  it('leases in batches and lowers stored capacities by what a lease TTL can add', () => {
    expect(planBudget({ perMinute: 1200 })).toEqual({ buckets: [{ windowMs: 60_000, capacity: 1180, refillPerMs: 0.02 }], leaseTtlMs: 1000, batch: 20 });
    const perSecond = planBudget({ perSecond: 10, perHour: 20_000 });
    expect(perSecond.leaseTtlMs).toBe(100);
    expect(perSecond.batch).toBe(1);
    expect(perSecond.buckets[0]).toEqual({ windowMs: 1000, capacity: 9, refillPerMs: 0.01 });
  });
});

describe.each(testDatabaseKinds())('shared rate limiter on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('keeps two workers together within one bucket of the declared limit, with a round trip per batch', async () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const limits = { perMinute: 1200 };
    const make = () => new SharedRateLimiter({ database: t.database, clock, log, key: 'instance:two-workers', limits });
    const workers = [make(), make()];
    const grants: number[] = [];
    const start = clock.now().getTime();
    const end = start + 30_000;
    let stop = false;
    const loops = workers.map(async (w) => {
      while (!stop) {
        await w.acquire(1);
        if (clock.now().getTime() >= end) break;
        grants.push(clock.now().getTime() - start);
      }
    });
    while (clock.now().getTime() < end) {
      await until(() => clock.pending === workers.length, 'both workers to wait for tokens');
      clock.advance(50);
    }
    stop = true;
    clock.advance(60_000);
    await Promise.all(loops);
    // Together they used the budget (and no more): a burst of the capacity, then the rate.
    const capacity = 1200;
    const perMs = 1200 / 60_000;
    expect(grants.length).toBeGreaterThan(1180 + 0.8 * perMs * 30_000);
    grants.sort((a, b) => a - b);
    for (let i = 0; i < grants.length; i += 7) {
      for (let j = i; j < grants.length; j += 13) expect(j - i + 1).toBeLessThanOrEqual(capacity + perMs * (grants[j]! - grants[i]!));
    }
    const trips = workers[0]!.leases + workers[1]!.leases;
    expect(trips).toBeLessThan(grants.length / 8);
  });

  it('pauses every worker on the budget when the vendor says wait', async () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const make = () => new SharedRateLimiter({ database: t.database, clock, log, key: 'instance:paused', limits: { perSecond: 50 } });
    const [a, b] = [make(), make()];
    expect(await a.acquire(1)).toBe(0);
    a.observe({ status: 429, headers: new Headers({ 'retry-after': '5' }) });
    await until(() => true, 'tick');
    await new Promise((r) => setTimeout(r, 50)); // the pause is written without blocking the caller
    let waited: number | undefined;
    const pending = b.acquire(1).then((ms) => (waited = ms));
    await until(() => clock.pending === 1, 'b to wait');
    clock.advance(4_000);
    await until(() => clock.pending === 1, 'b to wait again');
    expect(waited).toBeUndefined();
    clock.advance(1_000);
    await pending;
    expect(waited).toBe(5_000);
    await expect(b.acquire(1, undefined, 0)).resolves.toBe(0);
  });

  it('refuses a wait longer than the caller allows, and gives unused tokens back', async () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const limiter = new SharedRateLimiter({ database: t.database, clock, log, key: 'instance:strict', limits: { perMinute: 120 } });
    for (let i = 0; i < 118; i++) await limiter.acquire(1);
    await expect(limiter.acquire(5, undefined, 10)).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    await limiter.release();
    const [row] = await t.database.query<{ tokens: number }>(`select tokens from rate_limit_buckets where key = 'instance:strict'`);
    expect(Math.round(row!.tokens)).toBe(0);
  });
});
