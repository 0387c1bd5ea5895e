import { z } from 'zod';
import type { DeclarationIssues } from './issues.ts';

/** A JSON Schema document (draft 2020-12, as OpenAPI 3.1 uses). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export function isZodSchema(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

/**
 * Converts a zod schema to JSON Schema. `input` describes what a person or caller sends (defaults make
 * fields optional), which is what forms and request bodies need; `output` what the code receives.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'throw' });
  return rest;
}

/** Records an issue when `value` is not a zod schema or cannot be represented as JSON Schema. */
export function checkSchema(issues: DeclarationIssues, field: string, value: unknown, io: 'input' | 'output'): JsonSchema | undefined {
  if (!isZodSchema(value)) {
    issues.add(field, 'must be a zod schema');
    return undefined;
  }
  try {
    return toJsonSchema(value, io);
  } catch (error) {
    issues.add(field, `cannot be exported as JSON Schema: ${(error as Error).message}`, 'Use JSON types only: no dates, bigints, transforms or functions.');
    return undefined;
  }
}
