import { z } from 'zod';
import { classSummary, type MappingPreview, type PreviewIssue, type StreamSamples } from '@patchbay/engine';
import { iso } from './common.ts';
import { fieldMappings, transformation } from './mapping.ts';

/** Samples per preview: the designer sends one or a few; the bound keeps a preview's cost small. */
export const MAX_PREVIEW_SAMPLES = 20;

export const previewMappingBody = z.object({
  instance_id: z.uuid().describe('The instance whose stream the draft is for'),
  stream: z.string().min(1).max(200).describe("A stream of the instance's connector"),
  field_mappings: fieldMappings,
  transformations: z.array(transformation).max(50).optional().describe('Applied in order after the field mappings'),
  samples: z.array(z.unknown()).min(1).max(MAX_PREVIEW_SAMPLES).describe("Raw vendor records, as the connector's stream fetches them"),
});

const issueJson = z.object({
  path: z.string().nullable().describe('The OCSF path the issue belongs to (`severity_id`, `finding_info.title`); null for the record or the draft as a whole'),
  field: z.string().nullable().describe('Where in the draft it comes from (`field_mappings.severity_id`, `transformations.0.expression`); null for OCSF validation'),
  message: z.string(),
  code: z.string().optional().describe('JSONata error code (S0201...), MAPPING_FAILED, or the OCSF validator\'s code (required, type, enum, recommended...)'),
  position: z.number().int().optional().describe('Character offset in the expression'),
});

export const previewJson = z.object({
  target_schema: z.object({ class_uid: z.number().int(), class_name: z.string() }).nullable().describe("The OCSF class the stream's records validate against"),
  valid: z.boolean().describe('Whether the draft could be saved: every expression compiles and every target exists in the class'),
  errors: z.array(issueJson).describe("The draft's own problems (compile errors per expression, unknown targets); those parts are left out of the run"),
  warnings: z.array(issueJson).describe('Profile attributes, deprecations'),
  samples: z.array(
    z.object({
      index: z.number().int(),
      external_id: z.string().nullable(),
      ok: z.boolean().describe('Whether a sync would store the record'),
      default_output: z.record(z.string(), z.unknown()).nullable().describe("The connector mapper's own OCSF output (null when it threw)"),
      output: z.record(z.string(), z.unknown()).nullable().describe('After the draft (null when it failed on this record)'),
      annotations: z.object({ criticality: z.string().nullable(), tags: z.array(z.string()).nullable() }).nullable(),
      errors: z.array(issueJson).describe('Why a sync would reject the record: OCSF validation errors, or the expression that failed'),
      warnings: z.array(issueJson).describe("OCSF warnings of the output (missing recommended attributes, an enum's caption that disagrees with its id...), at most 50"),
    }),
  ),
});

const toIssue = (i: PreviewIssue): z.infer<typeof issueJson> => ({ path: i.path, field: i.field, message: i.message, ...(i.code ? { code: i.code } : {}), ...(i.position === undefined ? {} : { position: i.position }) });

export function toPreviewJson(p: MappingPreview): z.infer<typeof previewJson> {
  return {
    target_schema: classSummary(p.classUid),
    valid: p.valid,
    errors: p.errors.map(toIssue),
    warnings: p.warnings.map(toIssue),
    samples: p.samples.map((s) => ({
      index: s.index,
      external_id: s.externalId,
      ok: s.ok,
      default_output: s.defaultOutput,
      output: s.output,
      annotations: s.annotations ? { criticality: s.annotations.criticality, tags: s.annotations.tags ? [...s.annotations.tags] : null } : null,
      errors: s.errors.map(toIssue),
      warnings: s.warnings.map(toIssue),
    })),
  };
}

export const streamParams = z.object({ id: z.uuid(), stream: z.string().min(1).max(200) });

export const samplesQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10).describe('Samples to return (1-50)') });

export const samplesJson = z.object({
  raw_payloads_kept: z.boolean().describe('Whether the store keeps any raw payload of this stream; when false, paste a vendor record instead'),
  note: z.string().nullable().describe('Why there are no samples, when there are none'),
  items: z.array(
    z.object({
      source: z.enum(['record', 'rejected']).describe('`record`: kept beside a stored record; `rejected`: kept with a record a sync rejected'),
      external_id: z.string().nullable(),
      seen_at: iso,
      raw: z.unknown().describe('The raw vendor record, as the stream fetched it'),
    }),
  ),
});

const NOT_KEPT =
  "The hub keeps no raw payload of this stream: records keep only the payload's hash and size, rejected records keep theirs, and a sync keeps raw payloads only when it is asked to. Paste a vendor record (the stream's raw JSON) instead, or fetch a live sample of the stream from the vendor (admins and editors).";

export function toSamplesJson(s: StreamSamples): z.infer<typeof samplesJson> {
  return {
    raw_payloads_kept: s.rawKept,
    note: s.rawKept ? null : NOT_KEPT,
    items: s.items.map((i) => ({ source: i.source, external_id: i.externalId, seen_at: i.seenAt.toISOString(), raw: i.raw })),
  };
}
