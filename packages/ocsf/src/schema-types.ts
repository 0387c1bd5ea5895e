/**
 * The compiled OCSF schema: the shape of the generated artefact (src/generated/*.json) and of what
 * listClasses(), getClass(), listObjects() and getObject() return. Everything is resolved: inheritance,
 * `$include`, profiles and dictionary references are already applied.
 */

export type OcsfRequirement = 'required' | 'recommended' | 'optional';

export interface OcsfDeprecation {
  readonly message: string;
  readonly since?: string;
}

export interface OcsfEnumValue {
  /** An integer for integer enums (most of them), a string for string enums (`http_method`). */
  readonly value: number | string;
  readonly caption: string;
  readonly description?: string;
  readonly deprecated?: OcsfDeprecation;
}

export interface OcsfAttribute {
  readonly name: string;
  readonly caption: string;
  /** Plain text (the source's HTML markup removed). */
  readonly description: string;
  /** A dictionary type (`string_t`, `ip_t`, `port_t`, ...) or `object_t`. */
  readonly type: string;
  /** The object's name when `type` is `object_t`. */
  readonly objectType?: string;
  readonly isArray: boolean;
  readonly requirement: OcsfRequirement;
  /** Allowed values, when the attribute is an enum. */
  readonly enum?: readonly OcsfEnumValue[];
  /** The profile that adds this attribute; it is allowed only when the record declares that profile. */
  readonly profile?: string;
  readonly group?: string;
  /** The string attribute that carries this enum's caption (`severity` for `severity_id`). */
  readonly sibling?: string;
  readonly deprecated?: OcsfDeprecation;
}

export interface OcsfConstraints {
  /** At least one of these attributes must be present. */
  readonly atLeastOne?: readonly string[];
  /** Exactly one of these attributes must be present. */
  readonly justOne?: readonly string[];
}

interface OcsfEntity {
  readonly name: string;
  readonly caption: string;
  readonly description: string;
  /** The parent class or object this one extends in the source (hidden bases included). */
  readonly extends?: string;
  /** Profiles that may add attributes to this class or object. */
  readonly profiles: readonly string[];
  readonly constraints?: OcsfConstraints;
  readonly deprecated?: OcsfDeprecation;
  /** Sorted by name. */
  readonly attributes: readonly OcsfAttribute[];
}

export interface OcsfClass extends OcsfEntity {
  /** class_uid: category_uid * 1000 + the class id. */
  readonly uid: number;
  readonly category: string;
  readonly categoryUid: number;
}

export type OcsfObject = OcsfEntity;

export interface OcsfType {
  readonly name: string;
  readonly caption: string;
  readonly description: string;
  /** The type this one refines (`string_t` for `ip_t`); absent for primitive types. */
  readonly base?: string;
  readonly regex?: string;
  readonly maxLength?: number;
  readonly range?: readonly [number, number];
  readonly values?: readonly (string | number | boolean)[];
}

export interface OcsfCategory {
  readonly name: string;
  readonly uid: number;
  readonly caption: string;
  readonly description: string;
}

export interface OcsfProfile {
  readonly name: string;
  readonly caption: string;
  readonly description: string;
}

export interface OcsfSchema {
  readonly $comment: string;
  readonly version: string;
  readonly sourceCommit: string;
  readonly categories: readonly OcsfCategory[];
  readonly profiles: readonly OcsfProfile[];
  readonly types: readonly OcsfType[];
  /** Sorted by uid. */
  readonly classes: readonly OcsfClass[];
  /** Sorted by name. */
  readonly objects: readonly OcsfObject[];
}
