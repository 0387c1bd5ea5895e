/**
 * The OCSF schema in its source form, as read from disk: plain JSON with `$include`, `extends` and
 * dictionary references still unresolved. Only the fields the compiler reads are typed; the rest is kept
 * as `unknown` so nothing is silently assumed.
 */
export type JsonObject = { [key: string]: unknown };

export interface RawDeprecation {
  readonly message?: string;
  readonly since?: string;
}

export interface RawEnumValue {
  readonly caption?: string;
  readonly description?: string;
  readonly '@deprecated'?: RawDeprecation;
}

/** An attribute as it appears in a class, object, profile or the dictionary (all fields optional). */
export interface RawAttribute {
  readonly caption?: string;
  readonly description?: string;
  readonly type?: string;
  readonly is_array?: boolean;
  readonly requirement?: string;
  readonly enum?: Readonly<Record<string, RawEnumValue>>;
  readonly group?: string;
  readonly sibling?: string;
  readonly profile?: string | null;
  readonly observable?: number;
  readonly '@deprecated'?: RawDeprecation;
}

/** A class, object or profile file; `attributes` may hold `$include` and `null` (removal) entries. */
export interface RawEntity {
  readonly name: string;
  readonly caption?: string;
  readonly description?: string;
  readonly extends?: string;
  readonly uid?: number;
  readonly category?: string;
  readonly meta?: string;
  readonly profiles?: readonly string[];
  readonly constraints?: Readonly<Record<string, readonly string[]>>;
  readonly annotations?: JsonObject;
  readonly observable?: number;
  /** Class-level observables: attribute path -> observable type_id. */
  readonly observables?: Readonly<Record<string, number>>;
  readonly '@deprecated'?: RawDeprecation;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface RawTypeDef {
  readonly caption?: string;
  readonly description?: string;
  readonly type?: string;
  readonly regex?: string;
  readonly max_len?: number;
  readonly range?: readonly [number, number];
  readonly values?: readonly unknown[];
  readonly observable?: number;
}

export interface RawCategory {
  readonly uid: number;
  readonly caption?: string;
  readonly description?: string;
}

export interface RawSource {
  readonly version: string;
  readonly categories: Readonly<Record<string, RawCategory>>;
  readonly dictionary: Readonly<Record<string, RawAttribute>>;
  readonly types: Readonly<Record<string, RawTypeDef>>;
  /** Event class files keyed by class name (including hidden intermediate classes). */
  readonly classes: Readonly<Record<string, RawEntity>>;
  /** Object files keyed by object name (including hidden `_`-prefixed base objects). */
  readonly objects: Readonly<Record<string, RawEntity>>;
  /** Profile files keyed by profile name. */
  readonly profiles: Readonly<Record<string, RawEntity>>;
  /** Reads a file referenced by `$include`, relative to the schema root. */
  readonly readInclude: (relativePath: string) => JsonObject;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
