import { describe, expect, it } from 'vitest';
import { ago, categoryName, count } from './format.ts';

describe('format', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('says how long ago, or how soon', () => {
    expect(ago(null, now)).toBe('never');
    expect(ago('2026-01-01T11:59:55Z', now)).toBe('just now');
    expect(ago('2026-01-01T11:59:00Z', now)).toBe('1 min ago');
    expect(ago('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2025-12-29T12:00:00Z', now)).toBe('3 d ago');
    expect(ago('2026-01-01T12:30:00Z', now)).toBe('in 30 min');
  });
  it('abbreviates large counts and names categories', () => {
    expect(count(1234)).toBe('1,234');
    expect(count(12_345)).toBe('12.3k');
    expect(count(2_500_000)).toBe('2.5M');
    expect(categoryName('cloud-security')).toBe('Cloud security');
    expect(categoryName('threat_intel')).toBe('Threat intel');
  });
});
