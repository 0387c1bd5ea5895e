import { describe, expect, it } from 'vitest';
import { describeCriteria, EMPTY_FILTER, FilterDraftError, fromCriteria, toCriteria } from './filter-criteria.ts';

describe('filter criteria (the filter builder)', () => {
  it('sends only what was filled in', () => {
    expect(toCriteria(EMPTY_FILTER)).toEqual({});
    expect(toCriteria({ classUids: '2002, 2004,2002', severityAtLeast: '4', tags: ' production , pci', predicate: ' data.record.status_id = 1 ' })).toEqual({
      class_uids: [2002, 2004],
      severity_at_least: 4,
      tags: ['production', 'pci'],
      predicate: 'data.record.status_id = 1',
    });
  });
  it('names the field at fault', () => {
    const error = (() => {
      try {
        toCriteria({ ...EMPTY_FILTER, classUids: '2002, vuln' });
      } catch (e) {
        return e as FilterDraftError;
      }
    })();
    expect(error).toBeInstanceOf(FilterDraftError);
    expect(error?.field).toBe('classUids');
    expect(error?.message).toMatch(/“vuln” is not an OCSF class uid/);
    expect(() => toCriteria({ ...EMPTY_FILTER, classUids: '2.5' })).toThrow(/“2.5”/);
    expect(() => toCriteria({ ...EMPTY_FILTER, severityAtLeast: '9' })).toThrow(/1 \(Informational\) to 6 \(Fatal\)/);
  });
  it('reads a stored filter back and describes it', () => {
    const stored = { class_uids: [2004], severity_at_least: 5, tags: ['prod'], predicate: 'type = "record.created"' };
    expect(toCriteria(fromCriteria(stored))).toEqual(stored);
    expect(fromCriteria(null)).toEqual(EMPTY_FILTER);
    expect(describeCriteria(stored)).toBe('class 2004 · severity Critical or above · tags prod · predicate type = "record.created"');
    expect(describeCriteria({ instance_ids: ['a', 'b'] })).toBe('2 source integrations');
    expect(describeCriteria({})).toBe('every event of the type');
  });
});
