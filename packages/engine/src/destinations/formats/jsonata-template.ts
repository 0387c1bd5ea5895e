import { PatchbayError } from '@patchbay/types';
import { compile, evaluateBoxed } from '../../mappings/compile-mapping.ts';
import type { FormatInput, Rendered } from './format-input.ts';
import { recordOf } from './ocsf-fields.ts';

/**
 * A user's own format: a JSONata expression (https://docs.jsonata.org) over
 * `{ id, type, timestamp, instance_id, data, record }`, compiled once with the mappings' limits (time and
 * depth per evaluation). A string result is sent as a line, an object as JSON; anything else fails the event.
 */
export function compileTemplate(text: string): (input: FormatInput) => Promise<Rendered> {
  let expression: ReturnType<typeof compile>;
  try {
    expression = compile(text);
  } catch (error) {
    const e = error as { message?: string; position?: number };
    throw new PatchbayError('VALIDATION_FAILED', { field: 'format_options.template', message: `The template is not valid JSONata: ${e.message ?? String(error)}`, details: { position: e.position } });
  }
  return async (input) => {
    let value: unknown;
    try {
      value = await evaluateBoxed(expression, { id: input.id, type: input.envelope.type, timestamp: input.envelope.timestamp, instance_id: input.instanceId, data: input.envelope.data, record: recordOf(input) });
    } catch (error) {
      throw new PatchbayError('DESTINATION_FORMAT_FAILED', { message: `The template failed on event ${input.id}: ${(error as { message?: string }).message ?? String(error)}`, details: { event_id: input.id } });
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    throw new PatchbayError('DESTINATION_FORMAT_FAILED', { message: `The template gave ${value === undefined ? 'nothing' : typeof value} for event ${input.id}; it must give a string or an object`, details: { event_id: input.id } });
  };
}
