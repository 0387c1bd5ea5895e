import { z } from 'zod';

/** A JSON Schema document as the program sends it; turned into zod by the engine. */
const jsonSchema = z.record(z.string(), z.unknown());
const text = z.string();
const names = z.array(z.string());

const stream = z.strictObject({
  name: text,
  title: text.optional(),
  description: text.optional(),
  ocsf: z.strictObject({ class: text.optional(), class_uid: z.number().optional() }),
  primary_key: text,
  full_refresh: z.boolean().default(false),
  permissions: names.default([]),
  schedule: z.strictObject({ interval_minutes: z.number() }).optional(),
  /** JSON Schema of the checkpoint object; any JSON object when absent. */
  checkpoint: jsonSchema.optional(),
});

const action = z.strictObject({
  name: text,
  title: text,
  description: text,
  input: jsonSchema,
  output: jsonSchema,
  read_only: z.boolean(),
  reverse: text.optional(),
  impact: text,
  category: text,
  permissions: names.default([]),
});

/** Auth methods as in the TypeScript SDK, keys in snake_case (`token_url`); the engine checks each type's fields. */
const authMethod = z.looseObject({ type: text });

const rateLimits = z.strictObject({
  per_second: z.number().optional(),
  per_minute: z.number().optional(),
  per_hour: z.number().optional(),
  per_day: z.number().optional(),
  burst: z.number().optional(),
});

/** The SPEC message's `spec`: a connector declaration as JSON (docs/connectors/PROTOCOL.md#spec). */
export const programSpec = z.strictObject({
  id: text,
  name: text,
  vendor: text,
  category: text,
  version: text,
  description: text,
  features: names,
  icon: text,
  docs_url: text,
  min_platform_version: text,
  author: text.optional(),
  capabilities: names,
  /** JSON Schema of the instance configuration (an object schema). */
  config: jsonSchema,
  auth: z.array(authMethod).default([]),
  streams: z.array(stream).default([]),
  actions: z.array(action).default([]),
  allowed_hosts: z.array(z.union([text, z.strictObject({ from_config: text })])),
  rate_limits: rateLimits.optional(),
  /** Whether the program answers `check` (the wizard's "test connection"). */
  test_connection: z.boolean().default(false),
});

export type ProgramSpec = z.output<typeof programSpec>;
