import { readFileSync } from 'node:fs';

type Schema = Record<string, unknown>;

/**
 * A small JSON Schema checker for the parts of PagerDuty's REST description Prism leaves unchecked: Prism
 * does not validate the Incident bodies (their schema builds on `#/components/schemas/Tag/allOf/0`, a
 * pointer into an allOf that it does not follow), so the simulator's incidents, services and notes are
 * checked here against the same description. It covers what those schemas use: $ref (any JSON pointer),
 * allOf, oneOf, type, nullable, enum, required, properties, items and the date-time format.
 */
export class SpecShapes {
  readonly #spec: Schema;

  constructor(path: string) {
    this.#spec = JSON.parse(readFileSync(path, 'utf8')) as Schema;
  }

  schema(pointer: string): Schema {
    return pointer.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Schema)[key.replaceAll('~1', '/').replaceAll('~0', '~')], this.#spec) as Schema;
  }

  /** The problems of `value` against the schema at `pointer` (empty when it conforms). */
  check(value: unknown, pointer: string): string[] {
    const problems: string[] = [];
    this.#check(value, this.schema(pointer), '$', problems);
    return problems;
  }

  #check(value: unknown, raw: Schema, path: string, problems: string[]): void {
    const schema = typeof raw.$ref === 'string' ? this.schema(raw.$ref) : raw;
    if (value === null) {
      if (!this.#allowsNull(schema)) problems.push(`${path}: null where the schema wants a value`);
      return;
    }
    for (const part of (schema.allOf as Schema[] | undefined) ?? []) this.#check(value, part, path, problems);
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter((option) => this.#passes(value, option));
      if (passing.length !== 1) problems.push(`${path}: matches ${passing.length} of the oneOf options, not exactly one`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
    const type = schema.type as string | undefined;
    const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
    if (type !== undefined && !(type === actual || (type === 'number' && actual === 'integer'))) return void problems.push(`${path}: ${actual} where ${type} is expected`);
    if (schema.format === 'date-time' && (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value))) problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
    if (Array.isArray(value) && schema.items) value.forEach((item, i) => this.#check(item, schema.items as Schema, `${path}[${i}]`, problems));
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in value)) problems.push(`${path}: ${name} is required`);
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) if (properties[name]) this.#check(child, properties[name], `${path}.${name}`, problems);
    }
  }

  /** Null passes a schema that says nullable, or constrains no type anywhere (itself, its allOf parts, one of its oneOf options). */
  #allowsNull(raw: Schema): boolean {
    const schema = typeof raw.$ref === 'string' ? this.schema(raw.$ref) : raw;
    if (schema.nullable === true) return true;
    if (Array.isArray(schema.oneOf)) return (schema.oneOf as Schema[]).some((option) => this.#allowsNull(option));
    return schema.type === undefined && ((schema.allOf as Schema[] | undefined) ?? []).every((part) => this.#allowsNull(part));
  }

  #passes(value: unknown, schema: Schema): boolean {
    const problems: string[] = [];
    this.#check(value, schema, '$', problems);
    return problems.length === 0;
  }
}
