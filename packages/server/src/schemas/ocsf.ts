import { z } from 'zod';
import type { ClassDetail, ClassSummary, EntityDetail } from '@patchbay/engine';

const classSummaryJson = z.object({
  uid: z.number().int().describe('class_uid'),
  name: z.string(),
  caption: z.string(),
  category: z.string().describe('The category name (`findings`)'),
  category_uid: z.number().int(),
  category_caption: z.string(),
  description: z.string(),
  deprecated: z.string().nullable().describe('Why the class is deprecated, when it is'),
});

const attributeJson = z.object({
  name: z.string(),
  caption: z.string(),
  description: z.string().describe('Plain text'),
  type: z.string().describe('A dictionary type (`string_t`, `ip_t`, `timestamp_t`...) or `object_t`'),
  object_type: z.string().nullable().describe('The object an `object_t` attribute holds (GET /api/ocsf/objects/{name} describes it)'),
  is_array: z.boolean(),
  requirement: z.enum(['required', 'recommended', 'optional']),
  enum: z.array(z.object({ value: z.union([z.number(), z.string()]), caption: z.string(), description: z.string().nullable() })).nullable().describe('Allowed values of an enum attribute'),
  sibling: z.string().nullable().describe("The attribute that carries an enum's caption (`severity` for `severity_id`)"),
  profile: z.string().nullable().describe('The profile that adds the attribute (records must list it in metadata.profiles)'),
  deprecated: z.string().nullable().describe('Why the attribute is deprecated, when it is'),
});

const entityJson = z.object({
  name: z.string(),
  caption: z.string(),
  description: z.string(),
  profiles: z.array(z.string()).describe('Profiles that may add attributes'),
  deprecated: z.string().nullable(),
  attributes: z.array(attributeJson).describe('Sorted by name; inheritance and profiles resolved'),
});

export const classListJson = z.object({ version: z.string().describe('The pinned OCSF version'), items: z.array(classSummaryJson) });
export const classDetailJson = entityJson.extend({ version: z.string(), class: classSummaryJson });
export const objectDetailJson = entityJson.extend({ version: z.string() });

export const classParams = z.object({ uid: z.coerce.number().int().min(0).describe('class_uid (2004)') });
export const objectParams = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'an object name: lowercase letters, digits and underscores').max(100) });

const toSummary = (c: ClassSummary): z.infer<typeof classSummaryJson> => ({
  uid: c.uid,
  name: c.name,
  caption: c.caption,
  category: c.category,
  category_uid: c.categoryUid,
  category_caption: c.categoryCaption,
  description: c.description,
  deprecated: c.deprecated,
});

function toEntity(e: EntityDetail): z.infer<typeof entityJson> {
  return {
    name: e.name,
    caption: e.caption,
    description: e.description,
    profiles: [...e.profiles],
    deprecated: e.deprecated,
    attributes: e.attributes.map((a) => ({
      name: a.name,
      caption: a.caption,
      description: a.description,
      type: a.type,
      object_type: a.objectType ?? null,
      is_array: a.isArray,
      requirement: a.requirement,
      enum: a.enum ? a.enum.map((v) => ({ value: v.value, caption: v.caption, description: v.description ?? null })) : null,
      sibling: a.sibling ?? null,
      profile: a.profile ?? null,
      deprecated: a.deprecated?.message ?? null,
    })),
  };
}

export const toClassListJson = (version: string, classes: readonly ClassSummary[]) => ({ version, items: classes.map(toSummary) });
export const toClassDetailJson = (version: string, c: ClassDetail) => ({ ...toEntity(c), version, class: toSummary(c.summary) });
export const toObjectDetailJson = (version: string, o: EntityDetail) => ({ ...toEntity(o), version });
