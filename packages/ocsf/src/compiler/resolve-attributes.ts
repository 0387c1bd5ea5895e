import type { OcsfAttribute, OcsfDeprecation, OcsfEnumValue, OcsfRequirement } from '../schema-types.ts';
import { deepMerge } from './deep-merge.ts';
import type { RawAttribute, RawDeprecation, RawEnumValue, RawTypeDef } from './raw-source.ts';
import { isJsonObject } from './raw-source.ts';
import { stripHtml } from './strip-html.ts';

export interface DictionaryContext {
  readonly dictionary: Readonly<Record<string, RawAttribute>>;
  readonly types: Readonly<Record<string, RawTypeDef>>;
}

const REQUIREMENTS: readonly string[] = ['required', 'recommended', 'optional'];

/**
 * Turns the attribute map of a resolved class or object into the final attribute list: each attribute is
 * its dictionary entry with the class's or object's own fields merged over it. A dictionary type that is
 * not a data type names an object (`object_t`). Every `timestamp_t` attribute gets an optional `<name>_dt`
 * sibling of type `datetime_t`, owned by the synthetic `datetime` profile, as the OCSF server does.
 */
export function resolveAttributes(
  owner: string,
  attributes: Readonly<Record<string, unknown>>,
  context: DictionaryContext,
): OcsfAttribute[] {
  const resolved = new Map<string, OcsfAttribute>();
  for (const [name, own] of Object.entries(attributes)) {
    const base = context.dictionary[name];
    if (!base) throw new Error(`${owner}.${name} is not defined in dictionary.json`);
    if (!isJsonObject(own)) throw new Error(`${owner}.${name} is not an object`);
    const attribute = resolveOne(owner, name, deepMerge(base, own) as RawAttribute, context);
    resolved.set(name, attribute);
    if (base.type === 'timestamp_t') resolved.set(`${name}_dt`, datetimeSibling(attribute));
  }
  return [...resolved.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function resolveOne(owner: string, name: string, raw: RawAttribute, context: DictionaryContext): OcsfAttribute {
  const declared = raw.type;
  if (declared === undefined) throw new Error(`${owner}.${name} has no type`);
  const isDataType = declared in context.types;
  const requirement = raw.requirement ?? 'optional';
  if (!REQUIREMENTS.includes(requirement)) throw new Error(`${owner}.${name} has requirement ${requirement}`);
  const enumValues = raw.enum ? toEnum(raw.enum, primitiveOf(declared, context.types)) : undefined;
  return {
    name,
    caption: raw.caption ?? name,
    description: stripHtml(raw.description ?? ''),
    type: isDataType ? declared : 'object_t',
    ...(isDataType ? {} : { objectType: declared }),
    isArray: raw.is_array === true,
    requirement: requirement as OcsfRequirement,
    ...(enumValues ? { enum: enumValues } : {}),
    ...(typeof raw.profile === 'string' ? { profile: raw.profile } : {}),
    ...(raw.group ? { group: raw.group } : {}),
    ...(raw.sibling ? { sibling: raw.sibling } : {}),
    ...(raw['@deprecated'] ? { deprecated: toDeprecation(raw['@deprecated']) } : {}),
  };
}

function datetimeSibling(attribute: OcsfAttribute): OcsfAttribute {
  return {
    name: `${attribute.name}_dt`,
    caption: `${attribute.caption} (Datetime)`,
    description: `${attribute.caption} as an RFC 3339 date/time string (the datetime profile's form of ${attribute.name}).`,
    type: 'datetime_t',
    isArray: attribute.isArray,
    requirement: 'optional',
    profile: 'datetime',
    ...(attribute.group ? { group: attribute.group } : {}),
  };
}

/** The primitive (base-most) data type of a type: `integer_t` for `port_t`. */
export function primitiveOf(type: string, types: Readonly<Record<string, RawTypeDef>>): string {
  let current = type;
  for (let hops = 0; hops < 10; hops++) {
    const parent = types[current]?.type;
    if (parent === undefined) return current;
    current = parent;
  }
  throw new Error(`Type ${type} has a cyclic base type`);
}

export function toEnum(raw: Readonly<Record<string, RawEnumValue>>, primitive: string): OcsfEnumValue[] {
  const numeric = primitive === 'integer_t' || primitive === 'long_t';
  const values = Object.entries(raw).map(([key, value]): OcsfEnumValue => {
    if (numeric && !/^-?\d+$/.test(key)) throw new Error(`Enum key ${key} is not an integer`);
    return {
      value: numeric ? Number(key) : key,
      caption: value.caption ?? key,
      ...(value.description ? { description: stripHtml(value.description) } : {}),
      ...(value['@deprecated'] ? { deprecated: toDeprecation(value['@deprecated']) } : {}),
    };
  });
  return values.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export function toDeprecation(raw: RawDeprecation): OcsfDeprecation {
  return { message: stripHtml(raw.message ?? 'Deprecated.'), ...(raw.since ? { since: raw.since } : {}) };
}
