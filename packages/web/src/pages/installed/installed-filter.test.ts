import { describe, expect, it } from 'vitest';
import { matches } from './installed-filter.ts';

describe('My integrations filters', () => {
  it('puts an integration under exactly the filters it belongs to', () => {
    const under = (status: 'active' | 'inactive' | 'configuring' | 'error', state?: 'healthy' | 'unhealthy') =>
      (['all', 'active', 'inactive', 'errors'] as const).filter((f) => matches(f, { status }, state ? { state } : undefined));
    expect(under('active', 'healthy')).toEqual(['all', 'active']);
    expect(under('active', 'unhealthy')).toEqual(['all', 'errors']);
    expect(under('inactive')).toEqual(['all', 'inactive']);
    expect(under('configuring')).toEqual(['all', 'inactive']);
    expect(under('error')).toEqual(['all', 'errors']);
  });
});
