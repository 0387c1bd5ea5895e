import { describe, expect, it } from 'vitest';
import { placeIssues } from './issue-placement.ts';

const issue = (path: string | null, field: string | null = null, message = 'm') => ({ path, field, message });

describe('placeIssues', () => {
  it('puts an issue on the row its draft field names, else on the nearest enclosing target', () => {
    const targets = ['severity_id', 'finding_info', 'finding_info.title', ' message '];
    const { byRow, unplaced } = placeIssues(targets, [
      issue('severity_id', 'field_mappings.severity_id', 'compile'),
      issue('finding_info.title', null, 'too long'),
      issue('finding_info.uid', null, 'required'),
      issue('message', null, 'type'),
      issue('time', null, 'required'),
      issue(null, null, 'the record'),
    ]);
    expect(byRow.get(0)?.map((i) => i.message)).toEqual(['compile']);
    expect(byRow.get(1)?.map((i) => i.message)).toEqual(['required']);
    expect(byRow.get(2)?.map((i) => i.message)).toEqual(['too long']);
    expect(byRow.get(3)?.map((i) => i.message)).toEqual(['type']);
    expect(unplaced.map((i) => i.message)).toEqual(['required', 'the record']);
  });

  it('places an error on a parent path on a row that sets something inside it, and a named field on its last row', () => {
    const { byRow, unplaced } = placeIssues(['device.hostname', 'x', 'x'], [issue('device', null, 'constraint'), issue('x', 'field_mappings.x', 'dup')]);
    expect(byRow.get(0)?.map((i) => i.message)).toEqual(['constraint']);
    expect(byRow.get(2)?.map((i) => i.message)).toEqual(['dup']);
    expect(unplaced).toEqual([]);
  });
});
