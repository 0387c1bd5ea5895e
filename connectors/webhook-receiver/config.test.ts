import { toJsonSchema } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { config } from './config.ts';

describe('webhook-receiver config', () => {
  it('exports as JSON Schema with every setting optional', () => {
    const schema = toJsonSchema(config) as { properties: Record<string, unknown>; required?: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['event_type_field', 'event_type_header', 'id_field', 'record_path', 'severity_field', 'source_name', 'time_field']);
    expect(schema.required ?? []).toEqual([]);
    expect(config.parse({})).toEqual({ source_name: 'Webhook' });
  });

  it('refuses paths and header names it could not follow', () => {
    const fields = (input: unknown) => (config.safeParse(input).error?.issues ?? []).map((issue) => issue.path.join('.'));
    expect(fields({ record_path: 'data..items', id_field: ' id', time_field: '.at', event_type_header: 'X Event', source_name: ' ' })).toEqual([
      'source_name',
      'record_path',
      'id_field',
      'time_field',
      'event_type_header',
    ]);
    expect(fields({ record_path: 'data.items.0', id_field: 'alert-id', event_type_header: 'X-Event-Type' })).toEqual([]);
  });
});
