import { and, eq, inArray, sql } from 'drizzle-orm';
import { outbox, records, rejectedRecords, streamStates, syncExecutions, type Db } from '@patchbay/store';
import type { NormalizedRecord, RejectedRecord } from './normalize-page.ts';

export interface PageTarget {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly stream: string;
  readonly executionId: string;
  readonly connectorVersion: string;
  readonly mappingVersion: number | null;
}

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  failed: number;
}

/** Rows per multi-row statement: keeps every statement far below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function eventOf(kind: 'created' | 'updated', target: PageTarget, r: NormalizedRecord, recordId: string, at: Date) {
  return {
    organizationId: target.organizationId,
    instanceId: target.instanceId,
    type: `record.${kind}`,
    occurredAt: at,
    data: { record_id: recordId, instance_id: target.instanceId, stream: target.stream, external_id: r.externalId, class_uid: r.classUid, severity_id: r.severityId, record: r.data },
  };
}

/**
 * Writes one page inside the caller's transaction: records upserted (unchanged ones only touch
 * last_seen), rejects kept, events into the outbox, the checkpoint that follows the page, and the
 * execution's counters. Either all of it commits or none of it does.
 */
export async function writePage(tx: Db, target: PageTarget, page: { records: NormalizedRecord[]; rejected: RejectedRecord[] }, checkpoint: unknown, now: Date): Promise<PageCounts> {
  const counts: PageCounts = { created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 0 };
  const identity = and(eq(records.instanceId, target.instanceId), eq(records.stream, target.stream));
  const events: ReturnType<typeof eventOf>[] = [];

  for (const part of chunks(page.records)) {
    const existing = await tx
      .select({ id: records.id, externalId: records.externalId, contentHash: records.contentHash, deletedAt: records.deletedAt })
      .from(records)
      .where(and(identity, inArray(records.externalId, part.map((r) => r.externalId))));
    const known = new Map(existing.map((e) => [e.externalId, e]));
    const fresh = part.filter((r) => !known.has(r.externalId));
    const changed = part.filter((r) => known.has(r.externalId) && (known.get(r.externalId)!.contentHash !== r.contentHash || known.get(r.externalId)!.deletedAt));
    const same = part.filter((r) => known.has(r.externalId) && known.get(r.externalId)!.contentHash === r.contentHash && !known.get(r.externalId)!.deletedAt);

    if (fresh.length) {
      const inserted = await tx
        .insert(records)
        .values(
          fresh.map((r) => ({
            organizationId: target.organizationId,
            instanceId: target.instanceId,
            stream: target.stream,
            externalId: r.externalId,
            classUid: r.classUid,
            categoryUid: r.categoryUid,
            severityId: r.severityId,
            occurredAt: r.occurredAt,
            data: r.data,
            contentHash: r.contentHash,
            firstSeen: now,
            lastSeen: now,
            rawHash: r.rawHash,
            rawSize: r.rawSize,
            raw: r.raw,
            syncExecutionId: target.executionId,
            connectorVersion: target.connectorVersion,
            mappingVersion: target.mappingVersion,
            fetchedAt: now,
          })),
        )
        .returning({ id: records.id, externalId: records.externalId });
      const ids = new Map(inserted.map((i) => [i.externalId, i.id]));
      for (const r of fresh) events.push(eventOf('created', target, r, ids.get(r.externalId)!, now));
      counts.created += fresh.length;
    }
    for (const r of changed) {
      const id = known.get(r.externalId)!.id;
      await tx
        .update(records)
        .set({
          data: r.data,
          classUid: r.classUid,
          categoryUid: r.categoryUid,
          severityId: r.severityId,
          occurredAt: r.occurredAt,
          contentHash: r.contentHash,
          lastSeen: now,
          deletedAt: null,
          rawHash: r.rawHash,
          rawSize: r.rawSize,
          raw: r.raw,
          syncExecutionId: target.executionId,
          connectorVersion: target.connectorVersion,
          mappingVersion: target.mappingVersion,
          fetchedAt: now,
          revision: sql`${records.revision} + 1`,
        })
        .where(eq(records.id, id));
      events.push(eventOf('updated', target, r, id, now));
    }
    counts.updated += changed.length;
    if (same.length) {
      await tx.update(records).set({ lastSeen: now }).where(inArray(records.id, same.map((r) => known.get(r.externalId)!.id)));
      counts.unchanged += same.length;
    }
  }

  for (const part of chunks(events)) await tx.insert(outbox).values(part);
  if (page.rejected.length) {
    await tx.insert(rejectedRecords).values(
      page.rejected.map((r) => ({
        organizationId: target.organizationId,
        instanceId: target.instanceId,
        stream: target.stream,
        syncExecutionId: target.executionId,
        externalId: r.externalId,
        kind: r.kind,
        reason: r.reason,
        raw: r.raw,
        createdAt: now,
      })),
    );
    counts.invalid = page.rejected.filter((r) => r.kind === 'invalid').length;
    counts.failed = page.rejected.length - counts.invalid;
  }

  await tx
    .insert(streamStates)
    .values({ instanceId: target.instanceId, stream: target.stream, checkpoint: checkpoint ?? null, updatedAt: now })
    .onConflictDoUpdate({ target: [streamStates.instanceId, streamStates.stream], set: { checkpoint: checkpoint ?? null, updatedAt: now } });

  const processed = page.records.length + page.rejected.length;
  await tx
    .update(syncExecutions)
    .set({
      pages: sql`${syncExecutions.pages} + 1`,
      heartbeatAt: now,
      recordsProcessed: sql`${syncExecutions.recordsProcessed} + ${processed}`,
      recordsCreated: sql`${syncExecutions.recordsCreated} + ${counts.created}`,
      recordsUpdated: sql`${syncExecutions.recordsUpdated} + ${counts.updated}`,
      recordsUnchanged: sql`${syncExecutions.recordsUnchanged} + ${counts.unchanged}`,
      recordsInvalid: sql`${syncExecutions.recordsInvalid} + ${counts.invalid}`,
      recordsFailed: sql`${syncExecutions.recordsFailed} + ${counts.failed}`,
    })
    .where(eq(syncExecutions.id, target.executionId));
  return counts;
}
