import type { OcsfEnumValue, OcsfObject } from '../schema-types.ts';
import type { RawEntity, RawSource } from './raw-source.ts';
import { isJsonObject } from './raw-source.ts';

/**
 * The observable object's `type_id` enum is not written out in the source: like the OCSF server, the
 * compiler collects it from every `observable` marker, on dictionary types (ip_t: 2), dictionary
 * attributes (pid: 15), objects (container: 27), object or class attributes (account.uid: 35) and class
 * `observables` paths. Two markers with one id are a schema bug and fail the build.
 */
export function collectObservableTypes(source: RawSource): OcsfEnumValue[] {
  const found = new Map<number, OcsfEnumValue>();
  const add = (id: unknown, caption: string, description: string): void => {
    if (typeof id !== 'number') return;
    const existing = found.get(id);
    if (existing) throw new Error(`Observable type_id ${id} is used by both ${existing.caption} and ${caption}`);
    found.set(id, { value: id, caption, description });
  };
  for (const [name, type] of Object.entries(source.types)) {
    add(type.observable, type.caption ?? name, `Observable by dictionary type ${name}.`);
  }
  for (const [name, attribute] of Object.entries(source.dictionary)) {
    add(attribute.observable, attribute.caption ?? name, `Observable by dictionary attribute ${name}.`);
  }
  const fromEntities = (entities: Readonly<Record<string, RawEntity>>, kind: 'Object' | 'Class'): void => {
    for (const entity of Object.values(entities)) {
      const caption = entity.caption ?? entity.name;
      add(entity.observable, caption, `Observable by the ${entity.name} object.`);
      for (const [name, attribute] of Object.entries(entity.attributes)) {
        if (!isJsonObject(attribute)) continue;
        add(attribute.observable, `${caption} ${kind}: ${name}`, `Observable by ${entity.name}.${name}.`);
      }
      for (const [path, id] of Object.entries(entity.observables ?? {})) {
        add(id, `${caption} ${kind}: ${path}`, `Observable by ${entity.name} ${path}.`);
      }
    }
  };
  fromEntities(source.objects, 'Object');
  fromEntities(source.classes, 'Class');
  return [...found.values()];
}

/** Adds the collected values to the observable object's type_id enum (values it defines itself win). */
export function withObservableTypes(object: OcsfObject, collected: readonly OcsfEnumValue[]): OcsfObject {
  if (object.name !== 'observable') return object;
  const attributes = object.attributes.map((attribute) => {
    if (attribute.name !== 'type_id') return attribute;
    const values = new Map(collected.map((v) => [v.value, v]));
    for (const own of attribute.enum ?? []) values.set(own.value, own);
    return { ...attribute, enum: [...values.values()].sort((a, b) => Number(a.value) - Number(b.value)) };
  });
  return { ...object, attributes };
}
