import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

/** The original definition: JSON.stringify over a key-sorted copy. Stored hashes depend on matching it byte for byte. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[key];
        if (x !== undefined) out[key] = sortKeys(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

function random(depth: number, next: () => number): unknown {
  const r = next();
  if (depth > 4 || r < 0.3) return [next() * 1e6, `s${next()}\n"`, true, null, undefined, -0, 10][Math.floor(next() * 7)];
  if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => random(depth + 1, next));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 5; i++) out[next() < 0.3 ? String(Math.floor(next() * 200)) : next().toString(36).slice(2, 5)] = random(depth + 1, next);
  return out;
}

describe('canonicalJson', () => {
  it('matches JSON.stringify of a key-sorted copy, including integer-like keys, dates, undefined and non-finite numbers', () => {
    const cases: unknown[] = [null, 1, -0, NaN, Infinity, 'a"b\n\u2028', true, [], {}, [undefined, () => 1, null], { b: 1, a: [{ z: undefined, y: new Date(0) }], 'k"': 'v', f: () => 1 }, { 10: 'a', 2: 'b', a: 'c', '01': 'd', 4294967295: 'e' }, new Date(5)];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
    let seed = 42;
    const next = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 1000; i++) {
      const v = random(0, next);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });
});
