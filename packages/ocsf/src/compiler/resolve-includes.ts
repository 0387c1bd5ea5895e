import { deepMerge, mergeAttributeMaps } from './deep-merge.ts';
import type { JsonObject, RawEntity } from './raw-source.ts';
import { isJsonObject } from './raw-source.ts';

const INCLUDE = '$include';

/**
 * Resolves `$include` in a class or object file. Included attributes sit under the file's own
 * (the file wins), and an earlier include wins over a later one, as in the OCSF server. Attributes that
 * come from a profile file (`"meta": "profile"`) are marked with `profile: <name>`, and the profile's
 * `annotations` (such as `group`) become defaults. An attribute can also `$include` a file (an enum);
 * that file's content sits under the attribute's own fields.
 */
export function resolveIncludes(entity: RawEntity, readInclude: (path: string) => JsonObject): RawEntity {
  let attributes: Record<string, unknown> = { ...entity.attributes };
  const includes = toList(attributes[INCLUDE]);
  delete attributes[INCLUDE];
  for (const path of includes) {
    attributes = mergeAttributeMaps(includedAttributes(readInclude(path)), attributes);
  }
  for (const [name, attribute] of Object.entries(attributes)) {
    if (isJsonObject(attribute) && INCLUDE in attribute) {
      const { [INCLUDE]: file, ...own } = attribute;
      attributes[name] = toList(file).reduce<unknown>((acc, path) => deepMerge(readInclude(path), acc), own);
    }
  }
  return { ...entity, attributes };
}

function includedAttributes(included: JsonObject): Record<string, unknown> {
  const profile = included.meta === 'profile' && typeof included.name === 'string' ? included.name : undefined;
  const defaults = isJsonObject(included.annotations) ? included.annotations : {};
  const attributes: Record<string, unknown> = {};
  const source = isJsonObject(included.attributes) ? included.attributes : {};
  for (const [name, attribute] of Object.entries(source)) {
    if (name === INCLUDE || !isJsonObject(attribute)) continue;
    attributes[name] = deepMerge(defaults, profile === undefined ? attribute : { ...attribute, profile });
  }
  return attributes;
}

function toList(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string') throw new Error(`$include must name files, got ${JSON.stringify(item)}`);
    return item;
  });
}
