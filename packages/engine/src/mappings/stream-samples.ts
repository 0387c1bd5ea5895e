import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { records, rejectedRecords, type Db } from '@patchbay/store';

/** A raw vendor record the hub kept, to try a mapping on. */
export interface StreamSample {
  /** `record`: kept beside a stored record; `rejected`: kept with a record that failed mapping or validation. */
  readonly source: 'record' | 'rejected';
  readonly externalId: string | null;
  readonly seenAt: Date;
  readonly raw: unknown;
}

export interface StreamSamples {
  readonly items: StreamSample[];
  /** Whether any raw payload of the stream is kept (when false, paste a vendor record instead). */
  readonly rawKept: boolean;
}

export interface SampleQuery {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly stream: string;
  readonly limit: number;
}

/** A rejected record's payload too large (or unstorable) to keep whole: its head only, not a sample. */
function isCapped(raw: unknown): boolean {
  const r = raw as { truncated?: unknown; unstorable?: unknown; head?: unknown } | null;
  return typeof r === 'object' && r !== null && typeof r.head === 'string' && (r.truncated === true || typeof r.unstorable === 'string');
}

/**
 * The newest raw payloads the store keeps for a stream: those kept beside records (only when the sync
 * that stored them kept raw payloads) and those of rejected records (always kept; those too large to keep whole are left out).
 */
export async function readStreamSamples(db: Db, query: SampleQuery): Promise<StreamSamples> {
  const kept = await db
    .select({ externalId: records.externalId, seenAt: records.lastSeen, raw: records.raw })
    .from(records)
    .where(and(eq(records.organizationId, query.organizationId), eq(records.instanceId, query.instanceId), eq(records.stream, query.stream), isNotNull(records.raw), isNull(records.deletedAt)))
    .orderBy(desc(records.lastSeen))
    .limit(query.limit);
  const rejected = await db
    .select({ externalId: rejectedRecords.externalId, seenAt: rejectedRecords.createdAt, raw: rejectedRecords.raw })
    .from(rejectedRecords)
    .where(and(eq(rejectedRecords.organizationId, query.organizationId), eq(rejectedRecords.instanceId, query.instanceId), eq(rejectedRecords.stream, query.stream), isNotNull(rejectedRecords.raw)))
    .orderBy(desc(rejectedRecords.createdAt))
    .limit(query.limit);
  const items: StreamSample[] = [
    ...kept.map((r) => ({ source: 'record' as const, externalId: r.externalId, seenAt: r.seenAt, raw: r.raw })),
    ...rejected.filter((r) => !isCapped(r.raw)).map((r) => ({ source: 'rejected' as const, externalId: r.externalId, seenAt: r.seenAt, raw: r.raw })),
  ]
    .sort((a, b) => b.seenAt.getTime() - a.seenAt.getTime())
    .slice(0, query.limit);
  return { items, rawKept: items.length > 0 };
}
