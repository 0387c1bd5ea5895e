import { validateRecord } from '@patchbay/ocsf';
import { recordKey, type AnyStream, type MapMeta, type PrimaryKey } from '@patchbay/sdk';
import { contentHash, rawDigest } from './record-hash.ts';

export interface NormalizedRecord {
  readonly externalId: string;
  readonly data: Record<string, unknown>;
  readonly classUid: number;
  readonly categoryUid: number | null;
  readonly severityId: number | null;
  readonly occurredAt: Date | null;
  readonly contentHash: string;
  readonly rawHash: string;
  readonly rawSize: number;
  readonly raw: unknown;
}

export interface RejectedRecord {
  readonly externalId: string | null;
  readonly kind: 'invalid' | 'failed';
  readonly reason: Record<string, unknown>;
  readonly raw: unknown;
}

/** A user override applied after the connector's own mapper (DataMapping, compiled once). */
export type MappingOverride = (normalized: Record<string, unknown>, raw: unknown) => Record<string, unknown>;

export interface NormalizeOptions {
  readonly stream: AnyStream;
  readonly meta: MapMeta;
  readonly override?: MappingOverride;
  /** Keep raw payloads up to this many bytes each (0: never keep). */
  readonly keepRawBytes?: number;
}

const MAX_REJECTED_RAW = 64 * 1024;

function time(data: Record<string, unknown>): Date | null {
  const t = data.time;
  if (typeof t === 'number') return new Date(t);
  if (typeof t === 'string' && !Number.isNaN(Date.parse(t))) return new Date(t);
  return null;
}

/**
 * Maps and validates one page. Later duplicates of an id in the page win. Nothing is dropped: every
 * input record ends up normalised or rejected with its reason.
 */
export function normalizePage(raws: readonly unknown[], options: NormalizeOptions): { records: NormalizedRecord[]; rejected: RejectedRecord[] } {
  const byId = new Map<string, NormalizedRecord>();
  const rejected: RejectedRecord[] = [];
  for (const raw of raws) {
    let externalId: string | null = null;
    try {
      externalId = recordKey<unknown>(options.stream as { name: string; primaryKey: PrimaryKey<unknown> }, raw);
      let data = { ...options.stream.map(raw, options.meta) } as Record<string, unknown>;
      if (options.override) data = options.override(data, raw);
      const result = validateRecord(data, { warnings: false });
      if (!result.valid) {
        rejected.push({ externalId, kind: 'invalid', reason: { errors: result.errors.slice(0, 20) }, raw: capRaw(raw) });
        continue;
      }
      const digest = rawDigest(raw);
      byId.delete(externalId);
      byId.set(externalId, {
        externalId,
        data,
        classUid: Number(data.class_uid),
        categoryUid: typeof data.category_uid === 'number' ? data.category_uid : null,
        severityId: typeof data.severity_id === 'number' ? data.severity_id : null,
        occurredAt: time(data),
        contentHash: contentHash(data),
        rawHash: digest.hash,
        rawSize: digest.size,
        raw: options.keepRawBytes && digest.size <= options.keepRawBytes ? raw : null,
      });
    } catch (error) {
      rejected.push({ externalId, kind: 'failed', reason: { message: error instanceof Error ? error.message : String(error) }, raw: capRaw(raw) });
    }
  }
  return { records: [...byId.values()], rejected };
}

function capRaw(raw: unknown): unknown {
  const text = JSON.stringify(raw) ?? 'null';
  return text.length <= MAX_REJECTED_RAW ? raw : { truncated: true, size: text.length, head: text.slice(0, 1024) };
}
