import type { OcsfAttribute, OcsfClass, OcsfConstraints, OcsfEnumValue, OcsfObject } from '../schema-types.ts';
import type { RawCategory, RawEntity } from './raw-source.ts';
import { resolveAttributes, toDeprecation, type DictionaryContext } from './resolve-attributes.ts';
import { stripHtml } from './strip-html.ts';

/** Compiles a resolved (includes and inheritance applied) object. */
export function compileObject(entity: RawEntity, context: DictionaryContext): OcsfObject {
  const attributes = resolveAttributes(entity.name, entity.attributes, context);
  return { name: entity.name, caption: entity.caption ?? entity.name, ...details(entity, attributes), attributes };
}

type Details = Omit<OcsfObject, 'name' | 'caption' | 'attributes'>;

function details(entity: RawEntity, attributes: readonly OcsfAttribute[]): Details {
  const constraints = compileConstraints(entity);
  const profiles = new Set(entity.profiles ?? []);
  for (const attribute of attributes) if (attribute.profile) profiles.add(attribute.profile);
  return {
    description: stripHtml(entity.description ?? ''),
    ...(entity.extends ? { extends: entity.extends } : {}),
    profiles: [...profiles].sort(),
    ...(constraints ? { constraints } : {}),
    ...(entity['@deprecated'] ? { deprecated: toDeprecation(entity['@deprecated']) } : {}),
  };
}

/**
 * Compiles a resolved event class: class_uid is category_uid * 1000 + the class id, and the class_uid,
 * category_uid and type_uid enums are set from them as the OCSF server does (type_uid = class_uid * 100 +
 * activity_id, for every activity_id value plus 0 for Unknown).
 */
export function compileClass(
  entity: RawEntity,
  categories: Readonly<Record<string, RawCategory>>,
  context: DictionaryContext,
): OcsfClass {
  const categoryName = entity.category ?? 'other';
  const category = categories[categoryName];
  const categoryUid = category?.uid ?? 0;
  const uid = categoryUid * 1000 + (entity.uid ?? 0);
  const caption = entity.caption ?? entity.name;
  const resolved = resolveAttributes(entity.name, entity.attributes, context);
  const activities = resolved.find((a) => a.name === 'activity_id')?.enum ?? [];
  const enums: Record<string, OcsfEnumValue[]> = {
    class_uid: [{ value: uid, caption }],
    category_uid: [{ value: categoryUid, caption: category?.caption ?? 'Uncategorized' }],
    type_uid: typeUids(uid, caption, activities),
  };
  const attributes = resolved.map((a): OcsfAttribute => (enums[a.name] ? { ...a, enum: enums[a.name] } : a));
  const head = { name: entity.name, uid, caption, category: categoryName, categoryUid };
  return { ...head, ...details(entity, attributes), attributes };
}

function typeUids(classUid: number, caption: string, activities: readonly OcsfEnumValue[]): OcsfEnumValue[] {
  const values = new Map<number, OcsfEnumValue>([[classUid * 100, { value: classUid * 100, caption: `${caption}: Unknown` }]]);
  for (const activity of activities) {
    const value = classUid * 100 + Number(activity.value);
    values.set(value, { value, caption: `${caption}: ${activity.caption}` });
  }
  return [...values.values()].sort((a, b) => Number(a.value) - Number(b.value));
}

function compileConstraints(entity: RawEntity): OcsfConstraints | undefined {
  const raw = entity.constraints;
  if (!raw || Object.keys(raw).length === 0) return undefined;
  const constraints: { atLeastOne?: readonly string[]; justOne?: readonly string[] } = {};
  for (const [kind, names] of Object.entries(raw)) {
    if (kind === 'at_least_one') constraints.atLeastOne = [...names];
    else if (kind === 'just_one') constraints.justOne = [...names];
    else throw new Error(`${entity.name} has an unknown constraint kind: ${kind}`);
  }
  return constraints;
}
