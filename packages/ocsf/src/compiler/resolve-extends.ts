import { mergeAttributeMaps } from './deep-merge.ts';
import type { RawEntity } from './raw-source.ts';

/**
 * Resolves `extends` for every entity of one kind (classes or objects), by name. A child's attributes are
 * deep-merged over its parent's, and an attribute set to `null` by the child is removed. Other fields are
 * taken from the child when it has them and inherited otherwise; `profiles` lists are concatenated.
 */
export function resolveExtends(entities: Readonly<Record<string, RawEntity>>): Record<string, RawEntity> {
  const resolved: Record<string, RawEntity> = {};
  const resolving = new Set<string>();

  const resolve = (name: string): RawEntity => {
    const done = resolved[name];
    if (done) return done;
    const entity = entities[name];
    if (!entity) throw new Error(`OCSF entity extends an undefined entity: ${name}`);
    if (resolving.has(name)) throw new Error(`OCSF inheritance cycle through ${name}`);
    resolving.add(name);
    const result = entity.extends === undefined ? entity : mergeWithParent(resolve(entity.extends), entity);
    resolving.delete(name);
    resolved[name] = result;
    return result;
  };

  for (const name of Object.keys(entities)) resolve(name);
  return resolved;
}

function mergeWithParent(parent: RawEntity, child: RawEntity): RawEntity {
  const attributes = mergeAttributeMaps(parent.attributes, child.attributes);
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute === null) delete attributes[name];
  }
  const merged: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) {
    if (value !== undefined && value !== null) merged[key] = value;
  }
  const profiles = [...new Set([...(parent.profiles ?? []), ...(child.profiles ?? [])])];
  return { ...(merged as unknown as RawEntity), attributes, ...(profiles.length > 0 ? { profiles } : {}) };
}
