import type { ArtefactEntity, OcsfArtefact } from '../artefact.ts';
import type { OcsfAttribute, OcsfObject, OcsfSchema } from '../schema-types.ts';

/** Packs the resolved schema into the artefact form (see OcsfArtefact): each distinct definition once. */
export function packArtefact(schema: OcsfSchema): OcsfArtefact {
  const entities: OcsfObject[] = [...schema.classes, ...schema.objects];
  const keys = assignKeys(entities);
  const attributes: Record<string, Omit<OcsfAttribute, 'name'>> = {};
  for (const [json, key] of [...keys.entries()].sort((a, b) => compare(a[1], b[1]))) {
    const definition = JSON.parse(json) as Record<string, unknown>;
    delete definition.name;
    attributes[key] = definition as unknown as Omit<OcsfAttribute, 'name'>;
  }
  const pack = <T extends OcsfObject>(entity: T): ArtefactEntity<T> => ({
    ...entity,
    attributes: entity.attributes.map((a) => keys.get(JSON.stringify(a)) ?? a.name),
  });
  const { classes, objects, ...rest } = schema;
  return { ...rest, attributes, classes: classes.map(pack), objects: objects.map(pack) };
}

/** Maps each distinct definition (as JSON) to its key: the name for the most used one, else name@owner. */
function assignKeys(entities: readonly OcsfObject[]): Map<string, string> {
  const variants = new Map<string, Map<string, { owner: string; uses: number }>>();
  for (const entity of entities) {
    for (const attribute of entity.attributes) {
      const byJson = variants.get(attribute.name) ?? new Map<string, { owner: string; uses: number }>();
      variants.set(attribute.name, byJson);
      const json = JSON.stringify(attribute);
      const seen = byJson.get(json);
      if (seen) seen.uses++;
      else byJson.set(json, { owner: entity.name, uses: 1 });
    }
  }
  const keys = new Map<string, string>();
  for (const [name, byJson] of variants) {
    const ranked = [...byJson.entries()].sort((a, b) => b[1].uses - a[1].uses);
    ranked.forEach(([json, { owner }], index) => keys.set(json, index === 0 ? name : `${name}@${owner}`));
  }
  return keys;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
