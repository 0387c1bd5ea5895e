import { describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { ConsecutiveFailureBreaker, type BreakerState } from './circuit-breaker.ts';

describe('ConsecutiveFailureBreaker', () => {
  it('opens after N consecutive failures; a success in between resets the count', () => {
    const clock = new ManualClock();
    const changes: BreakerState[] = [];
    const breaker = new ConsecutiveFailureBreaker({ failureThreshold: 2, cooldownMs: 1_000, onStateChange: (s) => changes.push(s) }, clock);
    breaker.enter();
    breaker.failure();
    breaker.enter();
    breaker.success();
    breaker.enter();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.enter();
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(() => breaker.enter()).toThrow(expect.objectContaining({ code: 'CIRCUIT_OPEN', retryAfterMs: 1_000 }));
    clock.advance(1_000);
    breaker.enter();
    expect(breaker.state).toBe('half-open');
    expect(() => breaker.enter()).toThrow(expect.objectContaining({ code: 'CIRCUIT_OPEN' }));
    breaker.success();
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens when the probe fails, and frees the probe slot on release', () => {
    const clock = new ManualClock();
    const breaker = new ConsecutiveFailureBreaker({ failureThreshold: 1, cooldownMs: 500 }, clock);
    breaker.enter();
    breaker.failure();
    clock.advance(500);
    breaker.enter();
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.advance(500);
    breaker.enter();
    breaker.release();
    expect(() => breaker.enter()).not.toThrow();
  });
});
