import { validateRecord } from '@patchbay/ocsf';
import type { AnyConnector, AnyStream } from '@patchbay/sdk';
import type { RecordAnnotations } from '../sync/normalize-page.ts';
import { checkMapping, compileMapping, type MappingIssue, type MappingSpec } from './compile-mapping.ts';
import { testMapping, type SampleResult } from './test-mapping.ts';

/** A problem (or warning) placed where the designer shows it: on the row of its OCSF path, or on the draft as a whole. */
export interface PreviewIssue {
  /** The OCSF path it belongs to (`severity_id`, `finding_info.title`, `resources.0.uid`); null for the record or the draft as a whole. */
  readonly path: string | null;
  /** Where in the draft, when it comes from it: `field_mappings.severity_id`, `transformations.1.expression`. */
  readonly field: string | null;
  readonly message: string;
  readonly code?: string;
  /** Character offset in the expression (parse errors, some evaluation errors). */
  readonly position?: number;
}

export interface SamplePreview {
  readonly index: number;
  readonly externalId: string | null;
  /** Whether a sync would store the record. */
  readonly ok: boolean;
  /** The connector mapper's own output (null when the mapper threw). */
  readonly defaultOutput: Record<string, unknown> | null;
  /** After the draft (null when it failed on this record). */
  readonly output: Record<string, unknown> | null;
  readonly annotations: RecordAnnotations | null;
  readonly errors: PreviewIssue[];
  readonly warnings: PreviewIssue[];
}

export interface MappingPreview {
  readonly classUid: number | null;
  /** Whether the draft could be saved: every expression compiles and every target exists. */
  readonly valid: boolean;
  /** The draft's own problems (compile errors per expression, unknown targets); those parts are left out of the run. */
  readonly errors: PreviewIssue[];
  readonly warnings: PreviewIssue[];
  readonly samples: SamplePreview[];
}

export interface PreviewOptions {
  readonly connector: AnyConnector;
  readonly stream: AnyStream;
  readonly classUid: number | undefined;
  readonly instanceId: string;
  readonly now: Date;
}

/** At most this many warnings per sample (a sparse record can miss dozens of recommended attributes). */
const MAX_WARNINGS = 50;

/** `/finding_info/uid` → `finding_info.uid` (RFC 6901 unescaped); '' (the record) → null. */
export function pointerToPath(pointer: string): string | null {
  if (!pointer) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** The OCSF path a draft field names: `field_mappings.device.name` → `device.name`; a transformation's removed path; else null. */
function pathOfField(field: string, spec: MappingSpec): string | null {
  if (field.startsWith('field_mappings.')) return field.slice('field_mappings.'.length);
  const step = /^transformations\.(\d+)\.remove$/.exec(field);
  const removed = step ? spec.transformations?.[Number(step[1])] : undefined;
  return removed && 'remove' in removed ? removed.remove : null;
}

function draftIssue(issue: MappingIssue, spec: MappingSpec): PreviewIssue {
  return { path: pathOfField(issue.field, spec), field: issue.field, message: issue.message, ...(issue.code ? { code: issue.code } : {}), ...(issue.position === undefined ? {} : { position: issue.position }) };
}

/** The part of the draft without problems, so the rest of it still previews. */
function runnable(spec: MappingSpec, broken: ReadonlySet<string>): MappingSpec {
  return {
    fieldMappings: Object.fromEntries(Object.entries(spec.fieldMappings).filter(([path]) => !broken.has(`field_mappings.${path}`))),
    transformations: (spec.transformations ?? []).filter((step, i) => !broken.has(`transformations.${i}.${'remove' in step ? 'remove' : 'expression'}`)),
  };
}

/** The runner's rejection reason as issues: OCSF validation errors by path, or the failing field of the mapping. */
function sampleErrors(result: SampleResult, spec: MappingSpec): PreviewIssue[] {
  const reason = result.reason;
  if (!reason) return [];
  if (Array.isArray(reason.errors)) {
    return (reason.errors as { path?: string; code?: string; message?: string }[]).map((e) => ({ path: pointerToPath(e.path ?? ''), field: null, message: e.message ?? 'invalid', ...(e.code ? { code: e.code } : {}) }));
  }
  const field = typeof reason.field === 'string' ? reason.field : null;
  const details = (reason.details ?? {}) as { position?: unknown };
  return [
    {
      path: field ? pathOfField(field, spec) : null,
      field,
      message: String(reason.message ?? 'the record failed'),
      ...(typeof reason.code === 'string' ? { code: reason.code } : {}),
      ...(typeof details.position === 'number' ? { position: details.position } : {}),
    },
  ];
}

function sampleWarnings(output: Record<string, unknown> | null): PreviewIssue[] {
  if (!output) return [];
  return validateRecord(output, { warnings: true })
    .warnings.slice(0, MAX_WARNINGS)
    .map((w) => ({ path: pointerToPath(w.path), field: null, message: w.message, code: w.code }));
}

/**
 * Runs an unsaved draft over samples exactly as a sync would (the connector's mapper, the draft, OCSF
 * validation) and stores nothing. The draft's own problems are reported on their paths and those parts
 * are left out of the run, so the rest of the draft still shows its effect.
 */
export async function previewMapping(spec: MappingSpec, samples: readonly unknown[], options: PreviewOptions): Promise<MappingPreview> {
  const report = checkMapping(spec, options.classUid);
  const broken = new Set(report.errors.map((e) => e.field));
  const part = runnable(spec, broken);
  const hasOverride = Object.keys(part.fieldMappings).length > 0 || (part.transformations?.length ?? 0) > 0;
  const override = hasOverride && !broken.has('stream') ? compileMapping(part, options.classUid).override : undefined;
  const results = await testMapping(samples, { connector: options.connector, stream: options.stream, instanceId: options.instanceId, override, now: options.now });
  return {
    classUid: options.classUid ?? null,
    valid: report.errors.length === 0,
    errors: report.errors.map((e) => draftIssue(e, spec)),
    warnings: report.warnings.map((w) => draftIssue(w, spec)),
    samples: results.map((r) => ({
      index: r.index,
      externalId: r.externalId,
      ok: r.ok,
      defaultOutput: r.mapped,
      output: r.output,
      annotations: r.annotations,
      errors: sampleErrors(r, spec),
      warnings: sampleWarnings(r.output),
    })),
  };
}
