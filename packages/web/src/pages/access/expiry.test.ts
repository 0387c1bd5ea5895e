import { describe, expect, it } from 'vitest';
import { expiryState } from './expiry.ts';

describe('expiry', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('warns a week ahead and says when it expired', () => {
    expect(expiryState(null, now)).toEqual({ tone: 'neutral', text: 'does not expire' });
    expect(expiryState('2026-02-28T12:00:00Z', now)).toEqual({ tone: 'bad', text: 'expired on 2026-02-28' });
    expect(expiryState('2026-03-01T15:00:00Z', now)).toEqual({ tone: 'warn', text: 'expires in 3 h' });
    expect(expiryState('2026-03-04T12:00:00Z', now)).toEqual({ tone: 'warn', text: 'expires in 3 d (2026-03-04)' });
    expect(expiryState('2026-06-01T00:00:00Z', now)).toEqual({ tone: 'good', text: 'expires on 2026-06-01' });
  });
});
