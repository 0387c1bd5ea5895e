import { describe, expect, it } from 'vitest';
import { PatchbayError } from '@patchbay/types';
import { backoffDelay, defaultRetryOptions, retryDelay } from './retry.ts';

const options = { ...defaultRetryOptions, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('backoffDelay (full jitter)', () => {
  it('is uniform below an exponentially growing, capped ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
  });
});

describe('retryDelay', () => {
  const transient = new PatchbayError('VENDOR_UNAVAILABLE');
  it('retries retryable errors within the budget only', () => {
    expect(retryDelay(transient, 1, 3, options, () => 0.5)).toBe(50);
    expect(retryDelay(transient, 3, 3, options, () => 0.5)).toBeUndefined();
    expect(retryDelay(new PatchbayError('VENDOR_REQUEST_REJECTED'), 1, 3, options, () => 0.5)).toBeUndefined();
    expect(retryDelay(new PatchbayError('CIRCUIT_OPEN'), 1, 3, options, () => 0.5)).toBeUndefined();
  });

  it("uses the vendor's wait as a floor, and gives up when it is too long", () => {
    expect(retryDelay(new PatchbayError('VENDOR_RATE_LIMITED', { retryAfterMs: 5_000 }), 1, 3, options, () => 0.5)).toBe(5_000);
    expect(retryDelay(new PatchbayError('VENDOR_RATE_LIMITED', { retryAfterMs: 500_000 }), 1, 3, options, () => 0.5)).toBeUndefined();
  });
});
