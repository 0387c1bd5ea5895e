import { describe, expect, it } from 'vitest';
import { checkPriorityMatrix, priorityOf } from './priority.ts';

describe('ticket priority', () => {
  it('comes from the severity of the finding and the criticality of its asset', () => {
    expect(priorityOf(5, 'critical')).toBe(1);
    expect(priorityOf(6, null)).toBe(2); // fatal counts as critical; no known asset
    expect(priorityOf(4, 'low')).toBe(3);
    expect(priorityOf(1, 'medium')).toBe(5);
    expect(priorityOf(99, 'high')).toBe(3);
  });

  it('follows a rule\'s own matrix where it has a value, the default elsewhere', () => {
    const matrix = checkPriorityMatrix({ high: { none: 1 } });
    expect(priorityOf(4, null, matrix)).toBe(1);
    expect(priorityOf(4, 'critical', matrix)).toBe(1);
    expect(priorityOf(3, null, matrix)).toBe(4);
  });

  it('refuses unknown severities, criticalities and priorities', () => {
    expect(() => checkPriorityMatrix({ severe: {} })).toThrow(expect.objectContaining({ field: 'priority_matrix.severe' }));
    expect(() => checkPriorityMatrix({ high: { vip: 1 } })).toThrow(expect.objectContaining({ field: 'priority_matrix.high.vip' }));
    expect(() => checkPriorityMatrix({ high: { low: 0 } })).toThrow(expect.objectContaining({ field: 'priority_matrix.high.low' }));
  });
});
