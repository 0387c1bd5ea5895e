import jsonata from 'jsonata';
import { getClass } from '@patchbay/ocsf';
import type { Criticality } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { MappedRecord, type MappingOverride, type RecordAnnotations } from '../sync/normalize-page.ts';
import { ASSET_CLASS_UIDS, checkOcsfPath, isAnnotationTarget, parsePath, setPath } from './target-paths.ts';

/** What a DataMapping holds: target path → JSONata expression, then ordered transformations. */
export interface MappingSpec {
  readonly fieldMappings: Readonly<Record<string, string>>;
  readonly transformations?: readonly MappingStep[];
}

/** `{ remove: path }` drops an attribute; `{ expression }` replaces the whole OCSF record with its result. */
export type MappingStep = { readonly remove: string } | { readonly expression: string };

export interface MappingIssue {
  /** Where in the mapping body: `field_mappings.device.hostname`, `transformations.1.expression`. */
  readonly field: string;
  readonly message: string;
  /** Character offset in the expression, for parse errors. */
  readonly position?: number;
  readonly code?: string;
}

export interface MappingReport {
  readonly errors: MappingIssue[];
  readonly warnings: MappingIssue[];
}

/** One evaluation may take this long and nest this deep before the record fails (guards against runaway expressions). */
const EVAL_TIME_LIMIT_MS = 250;
const EVAL_DEPTH_LIMIT = 400;
const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 64;
const criticalities: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

interface JsonataError {
  readonly code?: string;
  readonly position?: number;
  readonly token?: string;
  readonly message?: string;
}

type Expression = ReturnType<typeof jsonata>;

/** Per-evaluation limits, passed as a binding so branches of an evaluation that already failed stop too. */
interface Timebox {
  readonly deadline: number;
  depth: number;
}

const BOX = '__patchbay_timebox';

interface HookEnvironment {
  readonly isParallelCall?: boolean;
  lookup(name: string): unknown;
}

function guard(env: HookEnvironment, delta: number): void {
  if (env?.isParallelCall) return;
  const box = env?.lookup(BOX) as Timebox | undefined;
  if (!box) return;
  box.depth += delta;
  if (box.depth > EVAL_DEPTH_LIMIT) throw { code: 'U1001', message: `the expression nests deeper than ${EVAL_DEPTH_LIMIT} (infinite recursion?)` };
  if (performance.now() > box.deadline) throw { code: 'U1002', message: `the expression ran longer than ${EVAL_TIME_LIMIT_MS} ms on one record` };
}

/** Compiles with limits (time and depth per evaluation, when evaluated through `evaluateBoxed`). */
export function compile(text: string): Expression {
  const expression = jsonata(text);
  expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, (_e: unknown, _i: unknown, env: HookEnvironment) => guard(env, 1));
  expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, (_e: unknown, _i: unknown, env: HookEnvironment) => guard(env, -1));
  return expression;
}

export function evaluateBoxed(expression: Expression, input: unknown): Promise<unknown> {
  return expression.evaluate(input, { [BOX]: { deadline: performance.now() + EVAL_TIME_LIMIT_MS, depth: 0 } satisfies Timebox });
}

function parseIssue(field: string, error: unknown): MappingIssue {
  const e = error as JsonataError;
  const where = typeof e.position === 'number' ? ` at position ${e.position}` : '';
  return { field, message: `${e.message ?? String(error)}${where}`, ...(typeof e.position === 'number' ? { position: e.position } : {}), ...(e.code ? { code: e.code } : {}) };
}

const fieldOf = (path: string) => `field_mappings.${path}`;

/** Field mappings in application order: shallower paths first, so `device` then `device.name`. */
function orderedTargets(spec: MappingSpec): [string, string][] {
  return Object.entries(spec.fieldMappings).sort(([a], [b]) => a.split('.').length - b.split('.').length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Checks a mapping without running it: every expression compiles, every target path exists in the OCSF
 * class (or is an annotation target on an asset class). Collects all problems.
 */
export function checkMapping(spec: MappingSpec, classUid: number | undefined): MappingReport {
  const errors: MappingIssue[] = [];
  const warnings: MappingIssue[] = [];
  const cls = classUid === undefined ? undefined : getClass(classUid);
  const checkPath = (field: string, path: string) => {
    if (isAnnotationTarget(path)) {
      if (cls && !ASSET_CLASS_UIDS.includes(cls.uid)) errors.push({ field, message: `${path} applies to assets (class ${ASSET_CLASS_UIDS.join(', ')}); this stream's records are ${cls.name} (${cls.uid})` });
      return;
    }
    const segments = parsePath(path);
    if (!segments) {
      errors.push({ field, message: `"${path}" is not a dotted OCSF path (lowercase attribute names and array indexes: device.os.name, resources.0.uid)` });
      return;
    }
    if (segments[0] === 'patchbay') {
      errors.push({ field, message: `"${path}" is not a Patchbay target; use ${['patchbay.criticality', 'patchbay.tags'].join(' or ')}` });
      return;
    }
    if (!cls) return;
    const result = checkOcsfPath(cls, segments);
    if (!result.ok) errors.push({ field, message: result.message });
    else for (const w of result.warnings) warnings.push({ field, message: w });
  };
  if (classUid !== undefined && !cls) errors.push({ field: 'stream', message: `The stream's OCSF class ${classUid} is unknown to OCSF ${'1.9.0-dev'}` });
  for (const [path, text] of orderedTargets(spec)) {
    const field = fieldOf(path);
    checkPath(field, path);
    try {
      compile(text);
    } catch (error) {
      errors.push(parseIssue(field, error));
    }
  }
  for (const [i, step] of (spec.transformations ?? []).entries()) {
    if ('remove' in step) checkPath(`transformations.${i}.remove`, step.remove);
    else {
      try {
        compile(step.expression);
      } catch (error) {
        errors.push(parseIssue(`transformations.${i}.expression`, error));
      }
    }
  }
  return { errors, warnings };
}

/** Throws MAPPING_INVALID naming the first problem (the API's 400); all of them are in `details.errors`. */
export function assertMappingValid(spec: MappingSpec, classUid: number | undefined): MappingReport {
  const report = checkMapping(spec, classUid);
  const first = report.errors[0];
  if (first) {
    throw new PatchbayError('MAPPING_INVALID', {
      field: first.field,
      message: `${first.field}: ${first.message}`,
      hint: report.errors.length > 1 ? `${report.errors.length} problems in all; details.errors lists them.` : undefined,
      details: { errors: report.errors },
    });
  }
  return report;
}

/** A record-level failure: the record is counted as failed with this reason. */
export class MappingEvaluationError extends Error {
  readonly field: string;
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(field: string, error: unknown) {
    const e = error as JsonataError;
    super(`mapping ${field}: ${e?.message ?? (error instanceof Error ? error.message : String(error))}${typeof e?.position === 'number' ? ` (position ${e.position})` : ''}`);
    this.name = 'MappingEvaluationError';
    this.field = field;
    this.code = 'MAPPING_FAILED';
    this.details = { ...(e?.code ? { jsonata_code: e.code } : {}), ...(typeof e?.position === 'number' ? { position: e.position } : {}) };
  }
}

/** JSONata results can be sequences (arrays with extra properties) or functions: keep plain JSON only. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'function') throw new Error('the expression returned a function, not a value');
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

function criticalityOf(value: unknown): Criticality | null {
  if (value === null) return null;
  const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (typeof v === 'string' && (criticalities as readonly string[]).includes(v)) return v as Criticality;
  throw new Error(`patchbay.criticality must be one of ${criticalities.join(', ')} (got ${JSON.stringify(value)})`);
}

function tagsOf(value: unknown): string[] | null {
  if (value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((t) => typeof t !== 'string' && typeof t !== 'number')) throw new Error('patchbay.tags must be a string or an array of strings');
  const tags = [...new Set(list.map((t) => String(t).trim()).filter(Boolean))];
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > MAX_TAG_LENGTH)) throw new Error(`patchbay.tags: at most ${MAX_TAGS} tags of at most ${MAX_TAG_LENGTH} characters`);
  return tags;
}

export interface CompiledMapping {
  readonly override: MappingOverride;
  /** Whether the mapping sets asset annotations. */
  readonly annotates: boolean;
}

/**
 * Compiles a mapping once (throws MAPPING_INVALID as `assertMappingValid`) into an override the runner
 * applies per record. Each expression sees `{ raw, ocsf }`: the vendor record and the connector's OCSF
 * output. A result of `undefined` (no match) leaves the attribute as the connector set it; `null`
 * removes it. Field mappings are all evaluated against the same input, then set shallow paths first;
 * transformations follow in order, `expression` steps seeing the record as it is by then.
 */
export function compileMapping(spec: MappingSpec, classUid?: number): CompiledMapping {
  assertMappingValid(spec, classUid);
  const fields = orderedTargets(spec).map(([path, text]) => ({ path, field: fieldOf(path), segments: path.split('.'), expression: compile(text), annotation: isAnnotationTarget(path) }));
  type Step = { readonly kind: 'remove'; readonly segments: string[]; readonly field: string } | { readonly kind: 'expression'; readonly expression: Expression; readonly field: string };
  const steps: Step[] = (spec.transformations ?? []).map((step, i) =>
    'remove' in step ? { kind: 'remove', segments: step.remove.split('.'), field: `transformations.${i}.remove` } : { kind: 'expression', expression: compile(step.expression), field: `transformations.${i}.expression` },
  );
  const annotates = fields.some((f) => f.annotation);

  async function evaluate(expression: Expression, field: string, input: unknown): Promise<unknown> {
    try {
      return plain(await evaluateBoxed(expression, input));
    } catch (error) {
      throw new MappingEvaluationError(field, error);
    }
  }

  const override: MappingOverride = async (normalized, raw) => {
    const input = { raw, ocsf: normalized };
    let ocsf: unknown = normalized;
    let criticality: Criticality | null = null;
    let tags: string[] | null = null;
    const results: unknown[] = [];
    for (const f of fields) results.push(await evaluate(f.expression, f.field, input));
    for (const [i, f] of fields.entries()) {
      const value = results[i];
      if (value === undefined) continue;
      try {
        if (f.path === 'patchbay.criticality') criticality = criticalityOf(value);
        else if (f.path === 'patchbay.tags') tags = tagsOf(value);
        else ocsf = setPath(ocsf, f.segments, value);
      } catch (error) {
        throw new MappingEvaluationError(f.field, error);
      }
    }
    for (const step of steps) {
      if (step.kind === 'remove') ocsf = setPath(ocsf, step.segments, null);
      else {
        const value = await evaluate(step.expression, step.field, { raw, ocsf });
        if (value === undefined) continue;
        if (!value || typeof value !== 'object' || Array.isArray(value)) throw new MappingEvaluationError(step.field, new Error('a transformation expression must return the whole OCSF record (an object)'));
        ocsf = value;
      }
    }
    const record = ocsf as Record<string, unknown>;
    return annotates ? new MappedRecord(record, { criticality, tags } satisfies RecordAnnotations) : record;
  };
  return { override, annotates };
}
