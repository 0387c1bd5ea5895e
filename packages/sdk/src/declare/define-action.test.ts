import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from './define-action.ts';
import { fieldsOf } from './fixtures/expect-invalid.ts';

const containHost = {
  name: 'contain-host',
  title: 'Contain host',
  description: 'Network-isolates a host.',
  input: z.object({ device_id: z.string(), comment: z.string().default('') }),
  output: z.object({ accepted: z.boolean() }),
  readOnly: false,
  reverse: 'lift-containment',
  impact: 'high' as const,
  category: 'contain' as const,
  permissions: ['Hosts:write'],
};

describe('defineAction', () => {
  it('types run and plan from the input and output schemas', () => {
    const action = defineAction({
      ...containHost,
      run: async (ctx, input) => {
        expectTypeOf(input).toEqualTypeOf<{ device_id: string; comment: string }>();
        await ctx.http.post('/devices/entities/devices-actions/v2', { ids: [input.device_id] }, { query: { action_name: 'contain' } });
        return { accepted: true };
      },
      plan: (_ctx, input) => [{ method: 'POST', url: '/devices/entities/devices-actions/v2', body: { ids: [input.device_id] } }],
    });
    expect(action.kind).toBe('action');
    expect(Object.isFrozen(action.permissions)).toBe(true);
    defineAction({
      ...containHost,
      // @ts-expect-error: the result does not match the output schema
      run: async () => ({ accepted: 'yes' }),
    });
  });

  it('rejects names that are not verb-noun kebab-case', () => {
    const action = { ...containHost, run: async () => ({ accepted: true }) };
    for (const name of ['contain', 'containHost', 'contain_host', 'Contain-Host']) {
      expect(fieldsOf(() => defineAction({ ...action, name }))).toEqual(['action.name']);
    }
  });

  it('checks impact, category, reverse and schemas', () => {
    const action = { ...containHost, run: async () => ({ accepted: true }) };
    const bad = { ...action, impact: 'medium', category: 'remediate' } as unknown as typeof action;
    expect(fieldsOf(() => defineAction(bad))).toEqual(['action.impact', 'action.category']);
    expect(fieldsOf(() => defineAction({ ...action, reverse: 'contain-host' }))).toEqual(['action.reverse']);
    expect(fieldsOf(() => defineAction({ ...action, readOnly: true }))).toEqual(['action.reverse']);
    expect(fieldsOf(() => defineAction({ ...action, output: z.object({ at: z.date() }) } as never))).toEqual(['action.output']);
    expect(fieldsOf(() => defineAction({ ...action, title: ' ', description: '' }))).toEqual(['action.title', 'action.description']);
  });
});
