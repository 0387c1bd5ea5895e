import { describe, expect, it } from 'vitest';
import { allowed, allowedInTests, layerOf, violations } from './check-deps.ts';

describe('dependency direction', () => {
  it('has no violation in the tree', () => {
    expect(violations()).toEqual([]);
  });

  it('classifies imports and refuses upward edges', () => {
    expect(layerOf('@patchbay/engine')).toBe('engine');
    expect(layerOf('@patchbay/connector-okta')).toBe('connectors');
    expect(layerOf('packages/sdk/src/index.ts')).toBe('sdk');
    expect(layerOf('connectors/okta/connector.ts')).toBe('connectors');
    expect(allowed.sdk).not.toContain('engine');
    expect(allowed.connectors).not.toContain('engine');
    expect(allowed.store).not.toContain('engine');
    expect(allowed.engine).not.toContain('server');
    // Connector tests reach the hub through the conformance package only.
    expect(allowedInTests.connectors).toEqual(['conformance']);
  });
});
