import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { outbox, records, streamStates, syncExecutions, type Db } from '@patchbay/store';
import type { PageTarget } from './write-page.ts';
import { syncCompletedEvent } from '../events/sync-events.ts';

/**
 * Closes a successful run in one transaction. A full-refresh stream marks every record it did not see
 * since the run started as deleted (with events) and clears its checkpoint, so the next run reads
 * everything again; an incremental stream keeps its checkpoint.
 */
export async function finishStream(tx: Db, target: PageTarget, fullRefresh: boolean, runStartedAt: Date | null, now: Date): Promise<number> {
  let deleted = 0;
  if (fullRefresh && runStartedAt) {
    const gone = await tx
      .update(records)
      .set({ deletedAt: now, revision: sql`${records.revision} + 1` })
      .where(and(eq(records.instanceId, target.instanceId), eq(records.stream, target.stream), isNull(records.deletedAt), lt(records.lastSeen, runStartedAt)))
      .returning({ id: records.id, externalId: records.externalId, classUid: records.classUid });
    deleted = gone.length;
    for (let i = 0; i < gone.length; i += 500) {
      await tx.insert(outbox).values(
        gone.slice(i, i + 500).map((r) => ({
          organizationId: target.organizationId,
          instanceId: target.instanceId,
          type: 'record.deleted',
          occurredAt: now,
          data: { record_id: r.id, instance_id: target.instanceId, stream: target.stream, external_id: r.externalId, class_uid: r.classUid },
        })),
      );
    }
  }
  await tx
    .update(streamStates)
    .set({ lastSuccessAt: now, updatedAt: now, ...(fullRefresh ? { checkpoint: null, runStartedAt: null } : {}) })
    .where(and(eq(streamStates.instanceId, target.instanceId), eq(streamStates.stream, target.stream)));
  const [done] = await tx
    .update(syncExecutions)
    .set({ recordsDeleted: sql`${syncExecutions.recordsDeleted} + ${deleted}`, status: 'completed', endedAt: now })
    .where(eq(syncExecutions.id, target.executionId))
    .returning();
  // sync.completed goes out with the run's closing change (events catalogue: engine/src/events/catalog.ts).
  if (done) await tx.insert(outbox).values(syncCompletedEvent(done, now));
  return deleted;
}
