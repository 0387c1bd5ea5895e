import { describe, expect, it } from 'vitest';
import { deriveHealth } from './derive-health.ts';

const base = { consecutiveFailures: 0, hasOutcome: true, staleStreams: 0, rateLimited: false };

describe('deriveHealth', () => {
  it('is unknown before anything ran, healthy after a success, degraded on a failure, stale stream or throttling, unhealthy at three failures', () => {
    expect(deriveHealth({ ...base, hasOutcome: false })).toEqual({ state: 'unknown', reasons: [] });
    expect(deriveHealth(base)).toEqual({ state: 'healthy', reasons: [] });
    expect(deriveHealth({ ...base, consecutiveFailures: 2 })).toEqual({ state: 'degraded', reasons: ['recent_failure'] });
    expect(deriveHealth({ ...base, staleStreams: 1, rateLimited: true })).toEqual({ state: 'degraded', reasons: ['stale_streams', 'throttled'] });
    expect(deriveHealth({ ...base, hasOutcome: false, staleStreams: 1 })).toEqual({ state: 'degraded', reasons: ['stale_streams'] });
    expect(deriveHealth({ ...base, consecutiveFailures: 3, staleStreams: 2 })).toEqual({ state: 'unhealthy', reasons: ['consecutive_failures', 'stale_streams'] });
  });
});
