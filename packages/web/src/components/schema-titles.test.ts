import { describe, expect, it } from 'vitest';
import { titledOptions } from './schema-titles.ts';

describe('titledOptions', () => {
  it('titles oneOf options by their discriminator and description, deep in the schema, and drops $schema', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        pagination: {
          oneOf: [
            { type: 'object', description: 'One request returns everything', properties: { type: { const: 'none' } } },
            { type: 'object', title: 'Kept', properties: { type: { const: 'cursor' } } },
          ],
        },
      },
    };
    const out = titledOptions(schema) as { $schema?: string; properties: { pagination: { oneOf: { title: string }[] } } };
    expect(out.$schema).toBeUndefined();
    expect(out.properties.pagination.oneOf.map((o) => o.title)).toEqual(['none: One request returns everything', 'Kept']);
  });
});
