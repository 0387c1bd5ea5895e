import { describe, expect, it } from 'vitest';
import { issueLine } from './issue-line.ts';

describe('issueLine', () => {
  it('says where and what, with the position and code when the message lacks them', () => {
    expect(issueLine({ path: 'time', field: null, message: 'time is missing', code: 'required' }, true)).toBe('time: time is missing [required]');
    expect(issueLine({ path: 'x', field: 'field_mappings.x', message: 'Expected ) at position 4', position: 4, code: 'S0203' })).toBe('Expected ) at position 4 [S0203]');
    expect(issueLine({ path: null, field: null, message: 'Bad', position: 2 }, true)).toBe('Bad (at character 2)');
  });
});
