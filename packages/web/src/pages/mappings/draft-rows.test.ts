import { describe, expect, it } from 'vitest';
import { newRow, parseSample, rowProblems, rowsOf, toFieldMappings } from './draft-rows.ts';

describe('draft rows', () => {
  it('round-trip field mappings, skipping incomplete rows; the later of two rows with one target wins', () => {
    const rows = rowsOf({ severity_id: '5', message: 'raw.m' });
    expect(rows.map((r) => [r.target, r.expression])).toEqual([['severity_id', '5'], ['message', 'raw.m']]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    expect(toFieldMappings([...rows, newRow(' time ', ' raw.t '), newRow('', 'x'), newRow('y', ''), newRow('severity_id', '4')])).toEqual({ severity_id: '4', message: 'raw.m', time: 'raw.t' });
  });

  it('names half-filled rows and repeated targets', () => {
    const problems = rowProblems([newRow('a', '1'), newRow('', 'x'), newRow('b', ' '), newRow('a', '2'), newRow('', '')]);
    expect([...problems.keys()]).toEqual([0, 1, 2]);
    expect(problems.get(0)).toMatch(/set again further down/);
    expect(problems.get(1)).toMatch(/Choose the OCSF field/);
    expect(problems.get(2)).toMatch(/Write the expression/);
  });

  it('parses the sample editor', () => {
    expect(parseSample('{"id": 1}')).toEqual({ ok: true, value: { id: 1 } });
    expect(parseSample('  ')).toMatchObject({ ok: false, message: expect.stringMatching(/Paste/) });
    expect(parseSample('{id')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not JSON/) });
  });
});
