import { describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { waitFor } from '../testing/wait-for.ts';
import { TokenBucketLimiter } from './rate-limiter.ts';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then spaces requests at the refill rate', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2 }, clock);
    expect(await limiter.acquire(1)).toBe(0);
    expect(await limiter.acquire(1)).toBe(0);
    let third: number | undefined;
    void limiter.acquire(1).then((waited) => (third = waited));
    await waitFor(() => clock.pending === 1);
    clock.advance(999);
    await settled();
    expect(third).toBeUndefined();
    clock.advance(1);
    await waitFor(() => third !== undefined);
    expect(third).toBe(1_000);
  });

  it('enforces every window: the hourly budget holds even when the minute has room', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ perMinute: 100, perHour: 3 }, clock);
    for (let i = 0; i < 3; i++) await limiter.acquire(1);
    let done = false;
    void limiter.acquire(1).then(() => (done = true));
    await waitFor(() => clock.pending === 1);
    clock.advance(60_000);
    await settled();
    expect(done).toBe(false);
    clock.advance(1_200_000 - 60_000); // an hour / 3
    await waitFor(() => done);
  });

  it('serves waiters in order', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1 }, clock);
    await limiter.acquire(1);
    const order: number[] = [];
    const all = [1, 2, 3].map((n) => limiter.acquire(1).then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      await waitFor(() => clock.pending === 1);
      clock.advance(1_000);
    }
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });

  it('pauses everyone after a 429 with Retry-After, or when the vendor says nothing remains', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ perSecond: 1000 }, clock);
    limiter.observe({ status: 429, headers: new Headers({ 'retry-after': '5' }) });
    let done = false;
    void limiter.acquire(1).then(() => (done = true));
    await waitFor(() => clock.pending === 1);
    clock.advance(4_999);
    await settled();
    expect(done).toBe(false);
    clock.advance(1);
    await waitFor(() => done);

    const reset = Math.floor(clock.now().getTime() / 1000) + 30;
    limiter.observe({ status: 200, headers: new Headers({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) }) });
    await expect(limiter.acquire(1, undefined, 10_000)).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED', retryAfterMs: 30_000 });
  });

  it('rejects a waiter whose signal aborts, and the queue moves on', async () => {
    const clock = new ManualClock();
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1 }, clock);
    await limiter.acquire(1);
    const controller = new AbortController();
    const first = limiter.acquire(1, controller.signal);
    const second = limiter.acquire(1);
    await waitFor(() => clock.pending === 1);
    controller.abort(new Error('stop'));
    await expect(first).rejects.toThrow('stop');
    await waitFor(() => clock.pending === 1);
    clock.advance(1_000);
    await expect(second).resolves.toBe(1_000);
  });
});
