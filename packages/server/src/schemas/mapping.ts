import { z } from 'zod';
import { classSummary, type MappingIssue, type MappingRow, type MappingValidation, type MappingVersionRow, type SampleResult } from '@patchbay/engine';
import { iso, pageQuery } from './common.ts';

const expression = z.string().min(1).max(10_000).describe('A JSONata expression over `{ raw, ocsf }`: the vendor record and the connector\'s OCSF output');

export const fieldMappings = z
  .record(z.string().min(1).max(512), expression)
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 field mappings')
  .describe('Target → expression. A target is a dotted OCSF path of the stream\'s class (`device.hostname`, `resources.0.uid`), or `patchbay.criticality` / `patchbay.tags` on asset streams. A result of undefined (no match) keeps the connector\'s value; null removes the attribute.');

export const transformation = z.union([
  z.object({ remove: z.string().min(1).max(512).describe('Removes this OCSF path') }).strict(),
  z.object({ expression: expression.describe('Replaces the whole OCSF record with the result (an object); sees `{ raw, ocsf }` as transformed so far') }).strict(),
]);

const name = z.string().trim().min(1).max(200);

export const createMappingBody = z.object({
  name,
  instance_id: z.uuid(),
  stream: z.string().min(1).max(200).describe('A stream of the instance\'s connector'),
  field_mappings: fieldMappings,
  transformations: z.array(transformation).max(50).optional().describe('Applied in order after the field mappings'),
  source_schema: z.record(z.string(), z.unknown()).nullable().optional().describe('Free-form description of the vendor records'),
  active: z.boolean().optional().describe('Applied by syncs (default true); one active mapping per instance and stream'),
});

export const updateMappingBody = createMappingBody.extend({
  instance_id: z.uuid().optional().describe('Cannot change; when sent, must be the mapping\'s own'),
  stream: z.string().optional().describe('Cannot change; when sent, must be the mapping\'s own'),
});

export const mappingQuery = pageQuery.extend({ instance_id: z.uuid().optional(), stream: z.string().min(1).optional() });

const targetSchema = z.object({ class_uid: z.number().int(), class_name: z.string() }).nullable().describe("The OCSF class the stream's records validate against");

export const mappingJson = z.object({
  id: z.uuid(),
  name: z.string(),
  instance_id: z.uuid(),
  stream: z.string(),
  field_mappings: z.record(z.string(), z.string()),
  transformations: z.array(z.record(z.string(), z.string())),
  source_schema: z.record(z.string(), z.unknown()).nullable(),
  version: z.number().int().describe('Increases on every change, per instance and stream; records name the version that shaped them'),
  active: z.boolean(),
  created_by: z.uuid().nullable(),
  created_at: iso,
  updated_at: iso,
});

export const mappingVersionJson = mappingJson.omit({ active: true, updated_at: true }).extend({ mapping_id: z.uuid() }).omit({ id: true });

export function toMappingJson(r: MappingRow): z.infer<typeof mappingJson> {
  return {
    id: r.id,
    name: r.name,
    instance_id: r.instanceId,
    stream: r.stream,
    field_mappings: r.fieldMappings,
    transformations: r.transformations as Record<string, string>[],
    source_schema: r.sourceSchema ?? null,
    version: r.version,
    active: r.active,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function toMappingVersionJson(r: MappingVersionRow): z.infer<typeof mappingVersionJson> {
  return {
    mapping_id: r.mappingId,
    name: r.name,
    instance_id: r.instanceId,
    stream: r.stream,
    field_mappings: r.fieldMappings,
    transformations: r.transformations as Record<string, string>[],
    source_schema: r.sourceSchema ?? null,
    version: r.version,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
  };
}

const issueJson = z.object({ field: z.string(), message: z.string(), position: z.number().int().optional(), code: z.string().optional() });

export const validationJson = z.object({ valid: z.boolean(), target_schema: targetSchema, errors: z.array(issueJson), warnings: z.array(issueJson) });

const toIssue = (i: MappingIssue) => ({ field: i.field, message: i.message, ...(i.position === undefined ? {} : { position: i.position }), ...(i.code ? { code: i.code } : {}) });

export function toValidationJson(v: MappingValidation): z.infer<typeof validationJson> {
  return { valid: v.valid, target_schema: classSummary(v.classUid), errors: v.errors.map(toIssue), warnings: v.warnings.map(toIssue) };
}

export const testMappingBody = z.object({ samples: z.array(z.unknown()).min(1).max(100).describe('Raw vendor records, as the connector\'s stream fetches them') });

export const testResultJson = z.object({
  target_schema: targetSchema,
  results: z.array(
    z.object({
      index: z.number().int(),
      external_id: z.string().nullable(),
      ok: z.boolean().describe('Whether a sync would store the record'),
      mapped: z.record(z.string(), z.unknown()).nullable().describe("The connector's own OCSF output"),
      output: z.record(z.string(), z.unknown()).nullable().describe('After the mapping'),
      annotations: z.object({ criticality: z.string().nullable(), tags: z.array(z.string()).nullable() }).nullable(),
      errors: z.array(z.record(z.string(), z.unknown())).describe('OCSF validation errors, or the mapping or mapper failure'),
    }),
  ),
});

export function toTestResultJson(classUid: number | null, results: SampleResult[]): z.infer<typeof testResultJson> {
  return {
    target_schema: classSummary(classUid),
    results: results.map((r) => {
      const reason = r.reason ?? {};
      const errors = Array.isArray(reason.errors) ? (reason.errors as Record<string, unknown>[]) : r.reason ? [reason] : [];
      return { index: r.index, external_id: r.externalId, ok: r.ok, mapped: r.mapped, output: r.output, annotations: r.annotations ? { criticality: r.annotations.criticality, tags: r.annotations.tags ? [...r.annotations.tags] : null } : null, errors };
    }),
  };
}
