import { describe, expect, it } from 'vitest';
import { pauseAfter, rateLimitWindow, retryAfterMs } from './rate-limit-headers.ts';

const now = Date.parse('2026-01-01T00:00:00Z');
const h = (init: Record<string, string>) => new Headers(init);

describe('retryAfterMs', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs(h({ 'retry-after': '120' }), now)).toBe(120_000);
    expect(retryAfterMs(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
  });

  it('reads vendor variants: Microsoft milliseconds, CrowdStrike epoch seconds', () => {
    expect(retryAfterMs(h({ 'x-ms-retry-after-ms': '1500' }), now)).toBe(1_500);
    expect(retryAfterMs(h({ 'x-ratelimit-retryafter': String(now / 1000 + 12) }), now)).toBe(12_000);
    expect(retryAfterMs(h({}), now)).toBeUndefined();
  });
});

describe('rateLimitWindow', () => {
  it('reads GitHub/Okta epoch resets and the IETF draft headers', () => {
    expect(rateLimitWindow(h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 60) }), now)).toEqual({ remaining: 0, resetInMs: 60_000 });
    expect(rateLimitWindow(h({ 'x-rate-limit-remaining': '7', 'x-rate-limit-reset': String(now / 1000 + 5) }), now)).toEqual({ remaining: 7, resetInMs: 5_000 });
    expect(rateLimitWindow(h({ 'ratelimit-remaining': '0', 'ratelimit-reset': '9' }), now)).toEqual({ remaining: 0, resetInMs: 9_000 });
    expect(rateLimitWindow(h({ ratelimit: 'limit=100, remaining=0, reset=42' }), now)).toEqual({ remaining: 0, resetInMs: 42_000 });
    expect(rateLimitWindow(h({ 'x-ratelimit-reset': String(now + 3_000) }), now)).toEqual({ resetInMs: 3_000 });
  });
});

describe('pauseAfter', () => {
  it('pauses on 429 + Retry-After and on an exhausted window, not otherwise', () => {
    expect(pauseAfter(429, h({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(pauseAfter(200, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '10' }), now)).toBe(10_000);
    expect(pauseAfter(200, h({ 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '10' }), now)).toBeUndefined();
  });
});
