import type { OcsfAttribute, OcsfClass, OcsfObject, OcsfSchema } from './schema-types.ts';

/**
 * The generated artefact's on-disk form. Most attribute definitions repeat across classes (every class
 * inherits base_event's), so each distinct resolved definition is stored once in `attributes`, keyed by
 * the attribute name (its most used definition) or `name@owner` (a variant, named after the first class or
 * object using it); classes and objects list the keys they use.
 */
export interface OcsfArtefact extends Omit<OcsfSchema, 'classes' | 'objects'> {
  readonly attributes: Readonly<Record<string, Omit<OcsfAttribute, 'name'>>>;
  readonly classes: readonly ArtefactEntity<OcsfClass>[];
  readonly objects: readonly ArtefactEntity<OcsfObject>[];
}

export type ArtefactEntity<T extends OcsfObject> = Omit<T, 'attributes'> & { readonly attributes: readonly string[] };

/** Expands the artefact into the resolved schema; shared definitions stay shared, and all is frozen. */
export function unpackArtefact(artefact: OcsfArtefact): OcsfSchema {
  const definitions = new Map<string, OcsfAttribute>();
  for (const [key, definition] of Object.entries(artefact.attributes)) {
    const at = key.indexOf('@');
    definitions.set(key, deepFreeze({ name: at === -1 ? key : key.slice(0, at), ...definition }));
  }
  const expand = <T extends OcsfObject>(entity: ArtefactEntity<T>): T => {
    const attributes = entity.attributes.map((key) => {
      const definition = definitions.get(key);
      if (!definition) throw new Error(`OCSF artefact: ${entity.name} uses undefined attribute ${key}`);
      return definition;
    });
    return deepFreeze({ ...entity, attributes } as unknown as T);
  };
  const { $comment, version, sourceCommit, categories, profiles, types } = artefact;
  const [classes, objects] = [artefact.classes.map(expand), artefact.objects.map(expand)];
  return deepFreeze({ $comment, version, sourceCommit, categories, profiles, types, classes, objects });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
