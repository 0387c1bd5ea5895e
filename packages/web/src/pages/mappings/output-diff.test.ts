import { describe, expect, it } from 'vitest';
import { diffOutputs, flatten, showValue } from './output-diff.ts';

describe('flatten', () => {
  it('lists leaves with dotted paths, array elements by index, empty containers as leaves', () => {
    expect(flatten({ a: 1, b: { c: 'x', d: [true, { e: null }] }, f: {}, g: [] })).toEqual([
      { path: 'a', value: 1 },
      { path: 'b.c', value: 'x' },
      { path: 'b.d.0', value: true },
      { path: 'b.d.1.e', value: null },
      { path: 'f', value: {} },
      { path: 'g', value: [] },
    ]);
    expect(flatten(null)).toEqual([]);
  });
});

describe('diffOutputs', () => {
  it('says which leaves the mapping added, changed and removed', () => {
    const before = { severity_id: 1, finding_info: { title: 'a', uid: 'u' }, metadata: { product: { vendor_name: 'V' } } };
    const after = { severity_id: 5, finding_info: { title: 'a', uid: 'u', types: ['x'] }, metadata: { product: {} } };
    expect(diffOutputs(before, after)).toEqual([
      { path: 'severity_id', kind: 'changed', before: 1, after: 5 },
      { path: 'finding_info.types.0', kind: 'added', before: undefined, after: 'x' },
      { path: 'metadata.product', kind: 'added', before: undefined, after: {} },
      { path: 'metadata.product.vendor_name', kind: 'removed', before: 'V', after: undefined },
    ]);
    expect(diffOutputs(before, before)).toEqual([]);
    expect(diffOutputs(null, { a: 1 })).toEqual([{ path: 'a', kind: 'added', before: undefined, after: 1 }]);
  });

  it('shows values on one short line', () => {
    expect(showValue(undefined)).toBe('—');
    expect(showValue('x')).toBe('"x"');
    expect(showValue('y'.repeat(200))).toHaveLength(118);
  });
});
