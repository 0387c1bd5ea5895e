import { getClass, getObject, listCategories, listClasses, ocsfSourceCommit, ocsfVersion, type OcsfAttribute, type OcsfClass, type OcsfObject } from '@patchbay/ocsf';
import { PatchbayError } from '@patchbay/types';

/** One event class of the pinned OCSF schema, as the schema explorer lists it. */
export interface ClassSummary {
  readonly uid: number;
  readonly name: string;
  readonly caption: string;
  readonly category: string;
  readonly categoryUid: number;
  readonly categoryCaption: string;
  readonly description: string;
  readonly deprecated: string | null;
}

/** A class or an object with its attributes (sorted by name), everything resolved (inheritance, profiles). */
export interface EntityDetail {
  readonly name: string;
  readonly caption: string;
  readonly description: string;
  readonly profiles: readonly string[];
  readonly deprecated: string | null;
  readonly attributes: readonly OcsfAttribute[];
}

export interface ClassDetail extends EntityDetail {
  readonly summary: ClassSummary;
}

/** The pinned OCSF version, and the tag that changes only with the compiled schema (the responses' ETag). */
export const ocsfSchemaVersion = ocsfVersion;
export const ocsfSchemaTag = `${ocsfVersion}+${ocsfSourceCommit}`;

function summaryOf(cls: OcsfClass, captions: ReadonlyMap<number, string>): ClassSummary {
  return {
    uid: cls.uid,
    name: cls.name,
    caption: cls.caption,
    category: cls.category,
    categoryUid: cls.categoryUid,
    categoryCaption: captions.get(cls.categoryUid) ?? cls.category,
    description: cls.description,
    deprecated: cls.deprecated?.message ?? null,
  };
}

function detailOf(entity: OcsfClass | OcsfObject): EntityDetail {
  return { name: entity.name, caption: entity.caption, description: entity.description, profiles: entity.profiles, deprecated: entity.deprecated?.message ?? null, attributes: entity.attributes };
}

const categoryCaptions = () => new Map(listCategories().map((c) => [c.uid, c.caption]));

/** Every event class of the pinned schema, by uid. */
export function describeClasses(): ClassSummary[] {
  const captions = categoryCaptions();
  return listClasses().map((c) => summaryOf(c, captions));
}

/** A class by uid (or name) with its attributes; NOT_FOUND naming the closest classes. */
export function describeClass(uidOrName: number | string): ClassDetail {
  const cls = getClass(uidOrName);
  if (!cls) {
    const wanted = String(uidOrName);
    const similar = listClasses().filter((c) => c.name.includes(wanted) || String(c.uid).startsWith(wanted)).slice(0, 5);
    throw new PatchbayError('NOT_FOUND', {
      field: 'uid',
      message: `OCSF ${ocsfVersion} has no event class ${wanted}`,
      hint: similar.length ? `Did you mean ${similar.map((c) => `${c.name} (${c.uid})`).join(', ')}?` : 'GET /api/ocsf/classes lists the classes.',
    });
  }
  return { ...detailOf(cls), summary: summaryOf(cls, categoryCaptions()) };
}

/** An object (`device`, `finding_info`) with its attributes; NOT_FOUND naming the closest objects. */
export function describeObject(name: string): EntityDetail {
  const object = getObject(name);
  if (!object) {
    throw new PatchbayError('NOT_FOUND', {
      field: 'name',
      message: `OCSF ${ocsfVersion} has no object ${name}`,
      hint: 'Object names are lowercase with underscores (device, finding_info); a class attribute of type object_t names its object.',
    });
  }
  return detailOf(object);
}
