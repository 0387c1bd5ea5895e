import { isDeepStrictEqual } from 'node:util';
import { credentialJsonSchema, toJsonSchema, type AnyConnector, type AuthMethod, type JsonSchema } from '@patchbay/sdk';
import { CheckFailure } from '../harness/check-failure.ts';

type Exporter = () => JsonSchema;

function isSchemaDocument(schema: JsonSchema): boolean {
  return ['type', 'anyOf', 'oneOf', 'allOf', '$ref', 'enum', 'const'].some((key) => key in schema);
}

/**
 * Every schema of the declaration exports to JSON Schema and survives JSON serialisation unchanged:
 * config (input and output), credentials of each auth method, each stream's checkpoint, each action's
 * input and output. Forms, the API's OpenAPI and stored checkpoints depend on these.
 */
export function checkJsonSchemas(connector: AnyConnector): Record<string, unknown> {
  const exporters: [string, Exporter][] = [
    ['config (input)', () => toJsonSchema(connector.config, 'input')],
    ['config (output)', () => toJsonSchema(connector.config, 'output')],
    ...connector.auth.map((method): [string, Exporter] => [`credentials (${method.type})`, () => credentialJsonSchema(method as AuthMethod<never>)]),
    ...(connector.streams ?? []).map((s): [string, Exporter] => [`checkpoint of stream ${s.name}`, () => toJsonSchema(s.checkpoint, 'output')]),
    ...(connector.actions ?? []).flatMap((a): [string, Exporter][] => [
      [`input of action ${a.name}`, () => toJsonSchema(a.input, 'input')],
      [`output of action ${a.name}`, () => toJsonSchema(a.output, 'output')],
    ]),
  ];
  const exported: Record<string, JsonSchema> = {};
  for (const [name, exporter] of exporters) {
    let schema: JsonSchema;
    try {
      schema = exporter();
    } catch (error) {
      throw new CheckFailure(`the ${name} schema cannot be exported to JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isSchemaDocument(schema)) throw new CheckFailure(`the ${name} schema exports to an empty JSON Schema (it accepts anything)`, { schema });
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(schema)), schema)) throw new CheckFailure(`the ${name} JSON Schema changes when serialised (it holds non-JSON values)`);
    exported[name] = schema;
  }
  const config = exported['config (input)'];
  if (config?.type !== 'object') throw new CheckFailure('the config schema is not an object schema', { schema: config });
  return { exported: Object.keys(exported) };
}
