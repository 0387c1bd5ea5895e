import type { OcsfCategory, OcsfProfile, OcsfSchema, OcsfType } from '../schema-types.ts';
import { ocsfSourceCommit, ocsfVersion } from '../version.ts';
import { compileClass, compileObject } from './compile-entity.ts';
import { collectObservableTypes, withObservableTypes } from './observable-types.ts';
import type { RawEntity, RawSource } from './raw-source.ts';
import { resolveExtends } from './resolve-extends.ts';
import { resolveIncludes } from './resolve-includes.ts';
import { stripHtml } from './strip-html.ts';

export const generatedComment =
  `GENERATED FILE: do not edit. Compiled by packages/ocsf/scripts/generate.ts (npm run generate -w packages/ocsf) ` +
  `from the OCSF schema source ${ocsfVersion} at ocsf/ocsf-schema commit ${ocsfSourceCommit} (Apache-2.0).`;

/**
 * Compiles the OCSF schema source into the artefact the runtime validates against. Hidden entities
 * (classes without a uid other than base_event, objects whose name starts with `_`) are inputs to
 * inheritance only and are not listed.
 */
export function compileSchema(source: RawSource): OcsfSchema {
  if (source.version !== ocsfVersion) {
    throw new Error(`The schema source is OCSF ${source.version}, but ${ocsfVersion} is pinned (src/version.ts)`);
  }
  const context = { dictionary: source.dictionary, types: source.types };
  const observableTypes = collectObservableTypes(source);
  const withIncludes = (entities: Readonly<Record<string, RawEntity>>): Record<string, RawEntity> =>
    Object.fromEntries(Object.entries(entities).map(([name, e]) => [name, resolveIncludes(e, source.readInclude)]));
  const classes = Object.values(resolveExtends(withIncludes(source.classes)))
    .filter((entity) => entity.uid !== undefined || entity.name === 'base_event')
    .map((entity) => compileClass(entity, source.categories, context))
    .sort((a, b) => a.uid - b.uid);
  const objects = Object.values(resolveExtends(withIncludes(source.objects)))
    .filter((entity) => !entity.name.startsWith('_'))
    .map((entity) => withObservableTypes(compileObject(entity, context), observableTypes))
    .sort((a, b) => compareNames(a.name, b.name));
  const schema: OcsfSchema = {
    $comment: generatedComment,
    version: ocsfVersion,
    sourceCommit: ocsfSourceCommit,
    categories: compileCategories(source),
    profiles: compileProfiles(source),
    types: compileTypes(source),
    classes,
    objects,
  };
  checkReferences(schema);
  return schema;
}

function compileCategories(source: RawSource): OcsfCategory[] {
  return Object.entries(source.categories)
    .map(([name, c]) => ({ name, uid: c.uid, caption: c.caption ?? name, description: stripHtml(c.description ?? '') }))
    .sort((a, b) => a.uid - b.uid);
}

function compileProfiles(source: RawSource): OcsfProfile[] {
  return Object.values(source.profiles)
    .map((p) => ({ name: p.name, caption: p.caption ?? p.name, description: stripHtml(p.description ?? '') }))
    .sort((a, b) => compareNames(a.name, b.name));
}

function compileTypes(source: RawSource): OcsfType[] {
  return Object.entries(source.types)
    .map(([name, t]): OcsfType => {
      if (t.regex !== undefined) new RegExp(t.regex);
      return {
        name,
        caption: t.caption ?? name,
        description: stripHtml(t.description ?? ''),
        ...(t.type ? { base: t.type } : {}),
        ...(t.regex ? { regex: t.regex } : {}),
        ...(t.max_len !== undefined ? { maxLength: t.max_len } : {}),
        ...(t.range ? { range: [t.range[0], t.range[1]] as const } : {}),
        ...(t.values ? { values: t.values as OcsfType['values'] } : {}),
      };
    })
    .sort((a, b) => compareNames(a.name, b.name));
}

/** Fails the build when an attribute names an object, a type or a profile the schema does not define. */
function checkReferences(schema: OcsfSchema): void {
  const objects = new Set(schema.objects.map((o) => o.name));
  const types = new Set(schema.types.map((t) => t.name));
  const profiles = new Set(schema.profiles.map((p) => p.name));
  for (const entity of [...schema.classes, ...schema.objects]) {
    for (const a of entity.attributes) {
      const where = `${entity.name}.${a.name}`;
      if (a.type === 'object_t' && !objects.has(a.objectType ?? '')) throw new Error(`${where}: no object ${a.objectType}`);
      if (a.type !== 'object_t' && !types.has(a.type)) throw new Error(`${where}: no type ${a.type}`);
      if (a.profile !== undefined && !profiles.has(a.profile)) throw new Error(`${where}: no profile ${a.profile}`);
    }
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
