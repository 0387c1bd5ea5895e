import type { LoadedSchema } from '../load-schema.ts';
import type { OcsfAttribute, OcsfConstraints, OcsfDeprecation, OcsfEnumValue, OcsfObject } from '../schema-types.ts';
import { compileScalarCheck, type ScalarCheck } from './scalar-check.ts';

/** One attribute, ready to check values against. */
export interface AttributeRule {
  readonly name: string;
  readonly attribute: OcsfAttribute;
  readonly profile: string | undefined;
  readonly isArray: boolean;
  /** Set for object attributes: the object to validate the value against. */
  readonly objectType: string | undefined;
  /** Set for data-type attributes. */
  readonly scalar: ScalarCheck | undefined;
  /** Enum values by value, when the value must be one of them. */
  readonly enumValues: ReadonlyMap<number | string, OcsfEnumValue> | undefined;
  readonly sibling: string | undefined;
  readonly deprecated: OcsfDeprecation | undefined;
}

/** A class or object, compiled for validation. */
export interface Shape {
  readonly name: string;
  /** No attributes defined: any content is allowed (the generic `object`, used by `unmapped`). */
  readonly open: boolean;
  readonly rules: ReadonlyMap<string, AttributeRule>;
  readonly required: readonly AttributeRule[];
  readonly recommended: readonly AttributeRule[];
  readonly constraints: OcsfConstraints | undefined;
  readonly deprecated: OcsfDeprecation | undefined;
}

/** Attributes whose class-level consistency is checked as a whole rather than as enums. */
const CLASS_IDS = new Set(['class_uid', 'category_uid', 'type_uid']);

/**
 * Compiles classes and objects into shapes on first use and caches them, so a validator only pays for
 * what its records contain. Objects refer to each other by name (the schema is cyclic: process ->
 * parent_process), which the cache resolves lazily.
 */
export class ShapeCache {
  readonly #schema: LoadedSchema;
  readonly #scalars = new Map<string, ScalarCheck>();
  readonly #classes = new Map<number, Shape>();
  readonly #objects = new Map<string, Shape>();

  constructor(schema: LoadedSchema) {
    this.#schema = schema;
  }

  classShape(uid: number): Shape | undefined {
    let shape = this.#classes.get(uid);
    if (!shape) {
      const found = this.#schema.classesByUid.get(uid);
      if (!found) return undefined;
      shape = this.#compile(found, true);
      this.#classes.set(uid, shape);
    }
    return shape;
  }

  objectShape(name: string): Shape {
    let shape = this.#objects.get(name);
    if (!shape) {
      const found = this.#schema.objectsByName.get(name);
      if (!found) throw new Error(`OCSF object ${name} is not in the schema`);
      shape = this.#compile(found, false);
      this.#objects.set(name, shape);
    }
    return shape;
  }

  #compile(entity: OcsfObject, isClass: boolean): Shape {
    const rules = new Map<string, AttributeRule>();
    for (const attribute of entity.attributes) {
      const checkEnum = attribute.enum !== undefined && !(isClass && CLASS_IDS.has(attribute.name));
      rules.set(attribute.name, {
        name: attribute.name,
        attribute,
        profile: attribute.profile,
        isArray: attribute.isArray,
        objectType: attribute.type === 'object_t' ? attribute.objectType : undefined,
        scalar: attribute.type === 'object_t' ? undefined : this.#scalar(attribute.type),
        enumValues: checkEnum ? new Map(attribute.enum?.map((v) => [v.value, v])) : undefined,
        sibling: attribute.sibling,
        deprecated: attribute.deprecated,
      });
    }
    const all = [...rules.values()];
    return {
      name: entity.name,
      open: rules.size === 0,
      rules,
      required: all.filter((r) => r.attribute.requirement === 'required'),
      recommended: all.filter((r) => r.attribute.requirement === 'recommended'),
      constraints: entity.constraints,
      deprecated: entity.deprecated,
    };
  }

  #scalar(type: string): ScalarCheck {
    let check = this.#scalars.get(type);
    if (!check) {
      check = compileScalarCheck(type, this.#schema.typesByName);
      this.#scalars.set(type, check);
    }
    return check;
  }
}
