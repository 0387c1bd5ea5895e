import { PatchbayError } from '@patchbay/types';
import { loadSchema } from './load-schema.ts';
import type { OcsfCategory, OcsfClass, OcsfObject, OcsfProfile, OcsfType } from './schema-types.ts';

/** Every event class of the pinned schema, by uid (base_event, uid 0, first). */
export function listClasses(): readonly OcsfClass[] {
  return loadSchema().schema.classes;
}

/** A class by name (`detection_finding`) or class_uid (`2004`); undefined when there is none. */
export function getClass(nameOrUid: string | number): OcsfClass | undefined {
  const { classesByName, classesByUid } = loadSchema();
  return typeof nameOrUid === 'number' ? classesByUid.get(nameOrUid) : classesByName.get(nameOrUid);
}

/**
 * Like getClass, but throws a NOT_FOUND PatchbayError (with the closest class names as a hint) when the
 * class does not exist: for connectors declaring their target class.
 */
export function requireClass(nameOrUid: string | number): OcsfClass {
  const found = getClass(nameOrUid);
  if (found) return found;
  const wanted = String(nameOrUid);
  const similar = listClasses()
    .filter((c) => c.name.includes(wanted) || wanted.includes(c.name) || sharesWord(c.name, wanted))
    .map((c) => `${c.name} (${c.uid})`)
    .slice(0, 5);
  throw new PatchbayError('NOT_FOUND', {
    message: `No OCSF event class ${JSON.stringify(nameOrUid)} in the pinned schema`,
    hint: similar.length > 0 ? `Did you mean: ${similar.join(', ')}?` : 'listClasses() lists the event classes',
    field: 'class',
  });
}

/** Every object of the pinned schema, by name. */
export function listObjects(): readonly OcsfObject[] {
  return loadSchema().schema.objects;
}

export function getObject(name: string): OcsfObject | undefined {
  return loadSchema().objectsByName.get(name);
}

export function listProfiles(): readonly OcsfProfile[] {
  return loadSchema().schema.profiles;
}

export function listCategories(): readonly OcsfCategory[] {
  return loadSchema().schema.categories;
}

/** The dictionary's data types (`string_t`, `ip_t`, `port_t`, ...) with their constraints. */
export function listTypes(): readonly OcsfType[] {
  return loadSchema().schema.types;
}

function sharesWord(name: string, wanted: string): boolean {
  const words = new Set(wanted.toLowerCase().split(/[^a-z]+/).filter((w) => w.length > 3));
  return name.split('_').some((w) => words.has(w));
}
