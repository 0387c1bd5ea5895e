import { validateRecord } from '@patchbay/ocsf';
import { recordKey, type AnyStream, type MapMeta, type PrimaryKey } from '@patchbay/sdk';
import { canonicalJson } from '../lib/canonical-json.ts';
import { sha256Hex } from '../lib/hash.ts';
import { rawDigest } from './record-hash.ts';

/** What a mapping says about a record beside its OCSF data (asset criticality and tags); `null`: not set. */
export interface RecordAnnotations {
  readonly criticality: string | null;
  readonly tags: readonly string[] | null;
}

export interface NormalizedRecord {
  readonly externalId: string;
  readonly data: Record<string, unknown>;
  /** `data` as canonical JSON text (what the content hash covers); written as the row's JSONB. */
  readonly dataJson: string;
  readonly classUid: number;
  readonly categoryUid: number | null;
  readonly severityId: number | null;
  readonly occurredAt: Date | null;
  readonly contentHash: string;
  readonly rawHash: string;
  readonly rawSize: number;
  readonly raw: unknown;
  /** The raw payload's JSON text when it is kept (`raw` not null), else null. */
  readonly rawJson: string | null;
  /** Set when the stream's mapping produces annotations (`patchbay.criticality`, `patchbay.tags`). */
  readonly annotations?: RecordAnnotations;
}

export interface RejectedRecord {
  readonly externalId: string | null;
  readonly kind: 'invalid' | 'failed';
  readonly reason: Record<string, unknown>;
  readonly raw: unknown;
}

/** An override's result when it carries annotations as well as the OCSF record. */
export class MappedRecord {
  readonly ocsf: Record<string, unknown>;
  readonly annotations: RecordAnnotations | undefined;
  constructor(ocsf: Record<string, unknown>, annotations?: RecordAnnotations) {
    this.ocsf = ocsf;
    this.annotations = annotations;
  }
}

type OverrideResult = Record<string, unknown> | MappedRecord;

/**
 * A user override applied after the connector's own mapper (a DataMapping, compiled once per run). It
 * returns the OCSF record (or a MappedRecord with annotations), possibly asynchronously (JSONata); a
 * throw counts the record as failed with the error's message.
 */
export type MappingOverride = (normalized: Record<string, unknown>, raw: unknown) => OverrideResult | Promise<OverrideResult>;

export interface NormalizeOptions {
  readonly stream: AnyStream;
  readonly meta: MapMeta;
  readonly override?: MappingOverride;
  /** Keep raw payloads up to this many bytes each (0: never keep). */
  readonly keepRawBytes?: number;
}

/** One record's outcome; a rejected one carries the mapped output when there was one (it failed validation). */
export type NormalizeOutcome =
  | { readonly ok: true; readonly record: NormalizedRecord }
  | { readonly ok: false; readonly rejected: RejectedRecord; readonly output?: Record<string, unknown> };

const MAX_REJECTED_RAW = 64 * 1024;
const NUL_ESCAPE = '\\u0000';
/** `\u0000` in JSON text that encodes a NUL (an even number of backslashes before it), not the text `\\u0000`. */
const ENCODED_NUL = /(?<!\\)(?:\\\\)*\\u0000/;
const hasNul = (json: string) => json.includes(NUL_ESCAPE) && ENCODED_NUL.test(json);

function time(data: Record<string, unknown>): Date | null {
  const t = data.time;
  if (typeof t === 'number') return new Date(t);
  if (typeof t === 'string' && !Number.isNaN(Date.parse(t))) return new Date(t);
  return null;
}

function reasonOf(error: unknown): Record<string, unknown> {
  const reason: Record<string, unknown> = { message: error instanceof Error ? error.message : String(error) };
  const e = error as { code?: unknown; field?: unknown; details?: unknown } | null;
  if (e && typeof e === 'object') {
    if (typeof e.code === 'string') reason.code = e.code;
    if (typeof e.field === 'string') reason.field = e.field;
    if (e.details && typeof e.details === 'object') reason.details = e.details;
  }
  return reason;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Maps and validates one raw record: the connector's mapper, then the override, then the OCSF class.
 * Never throws: a failure is an outcome with its reason.
 */
export async function normalizeRecord(raw: unknown, options: NormalizeOptions): Promise<NormalizeOutcome> {
  let externalId: string | null = null;
  let output: Record<string, unknown> | undefined;
  try {
    externalId = recordKey<unknown>(options.stream as { name: string; primaryKey: PrimaryKey<unknown> }, raw);
    let data = { ...options.stream.map(raw, options.meta) } as Record<string, unknown>;
    let annotations: RecordAnnotations | undefined;
    if (options.override) {
      let result = options.override(data, raw);
      if (isPromise(result)) result = await result;
      if (result instanceof MappedRecord) {
        data = result.ocsf;
        annotations = result.annotations;
      } else data = result;
    }
    output = data;
    const result = validateRecord(data, { warnings: false });
    if (!result.valid) {
      return { ok: false, rejected: { externalId, kind: 'invalid', reason: { errors: result.errors.slice(0, 20) }, raw: capRaw(raw) }, output };
    }
    const digest = rawDigest(raw);
    const dataJson = canonicalJson(data);
    // PostgreSQL's jsonb cannot hold U+0000: such a record would fail its whole page, so it fails alone.
    if (hasNul(dataJson)) throw new Error('The OCSF record contains a U+0000 character, which PostgreSQL cannot store in JSONB');
    const keep = Boolean(options.keepRawBytes && digest.size <= options.keepRawBytes && !hasNul(digest.text));
    return {
      ok: true,
      record: {
        externalId,
        data,
        dataJson,
        classUid: Number(data.class_uid),
        categoryUid: typeof data.category_uid === 'number' ? data.category_uid : null,
        severityId: typeof data.severity_id === 'number' ? data.severity_id : null,
        occurredAt: time(data),
        // Annotations count as content only when a mapping sets them, so records without any keep their hash.
        contentHash: annotations ? sha256Hex(canonicalJson({ ocsf: data, patchbay: annotations })) : sha256Hex(dataJson),
        rawHash: digest.hash,
        rawSize: digest.size,
        raw: keep ? raw : null,
        rawJson: keep ? digest.text : null,
        ...(annotations ? { annotations } : {}),
      },
    };
  } catch (error) {
    return { ok: false, rejected: { externalId, kind: 'failed', reason: reasonOf(error), raw: capRaw(raw) }, ...(output ? { output } : {}) };
  }
}

/**
 * Maps and validates one page. Later duplicates of an id in the page win. Nothing is dropped: every
 * input record ends up normalised or rejected with its reason.
 */
export async function normalizePage(raws: readonly unknown[], options: NormalizeOptions): Promise<{ records: NormalizedRecord[]; rejected: RejectedRecord[] }> {
  const byId = new Map<string, NormalizedRecord>();
  const rejected: RejectedRecord[] = [];
  for (const [index, raw] of raws.entries()) {
    // A page is normalised while the previous one is written: letting I/O in now and then answers that
    // write's round trips as they come (awaiting a mapping runs only microtasks, never I/O callbacks).
    if (index > 0 && index % YIELD_EVERY === 0) await yieldToIo();
    const outcome = await normalizeRecord(raw, options);
    if (!outcome.ok) {
      rejected.push(outcome.rejected);
      continue;
    }
    byId.delete(outcome.record.externalId);
    byId.set(outcome.record.externalId, outcome.record);
  }
  return { records: [...byId.values()], rejected };
}

/** Records normalised between two turns of the event loop. */
const YIELD_EVERY = 100;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function capRaw(raw: unknown): unknown {
  const text = JSON.stringify(raw) ?? 'null';
  if (hasNul(text)) return { unstorable: 'contains U+0000', size: text.length, head: text.slice(0, 1024).replaceAll(NUL_ESCAPE, '\\\\u0000') };
  return text.length <= MAX_REJECTED_RAW ? raw : { truncated: true, size: text.length, head: text.slice(0, 1024) };
}
