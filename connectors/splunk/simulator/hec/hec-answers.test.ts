import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEC_CODES, hecAnswer } from './hec-answers.ts';

/** HAND-WRITTEN HEC answers from the documentation (../../fixtures/hec-answers.json, see fixtures/README.md). */
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/hec-answers.json', import.meta.url), 'utf8')) as { exchanges: { response: { status: number; body: { json: { text?: string; code?: number } } } }[] };

describe('the simulated collector\'s answers', () => {
  it('answers each documented code with HEC\'s status and text', () => {
    const documented = fixture.exchanges.map((e) => e.response).filter((r) => typeof r.body.json.code === 'number');
    expect(documented.length).toBeGreaterThanOrEqual(15);
    for (const response of documented) {
      const name = (Object.keys(HEC_CODES) as (keyof typeof HEC_CODES)[]).find((n) => HEC_CODES[n][1] === response.body.json.code)!;
      expect([response.body.json.code, hecAnswer(name)]).toEqual([response.body.json.code, { status: response.status, body: { text: response.body.json.text, code: response.body.json.code } }]);
    }
  });
});
