import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PATHS, contractSubset, renderSubset, SOURCE_SPEC, SUBSET_SPEC } from './contract-subset.ts';

describe('the contract subset (fixtures/jira-cloud-v3.connector-subset.openapi.json)', () => {
  it('is the generator\'s output for the vendor\'s description: run `node connectors/jira/simulator/contract-subset.ts` after changing CONTRACT_PATHS', () => {
    expect(readFileSync(SUBSET_SPEC, 'utf8')).toBe(renderSubset());
  });

  it('holds the operations unchanged, with every component they reach', () => {
    const source = JSON.parse(readFileSync(SOURCE_SPEC, 'utf8')) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    const subset = contractSubset(source) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown>; securitySchemes: unknown } };
    expect(Object.keys(subset.paths)).toEqual([...CONTRACT_PATHS]);
    for (const path of CONTRACT_PATHS) expect(subset.paths[path]).toEqual(source.paths[path]);
    const refs = JSON.stringify(subset).match(/#\/components\/schemas\/[A-Za-z0-9_.-]+/g) ?? [];
    for (const ref of new Set(refs)) expect(subset.components.schemas[ref.split('/').at(-1)!], ref).toEqual(source.components.schemas[ref.split('/').at(-1)!]);
    expect(subset.components.securitySchemes).toBeDefined();
    expect(() => contractSubset({ ...source, paths: {} })).toThrow(/no path \/rest\/api\/3\/myself/);
  });
});
