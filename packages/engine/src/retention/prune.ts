import { and, asc, eq, gt, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { connectorMetrics, integrationLogs, organizations, records, rejectedRecords, syncExecutions, type Db } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { defaultRetentionPolicy, type RetentionPolicy } from './retention-policy.ts';

export interface PruneReport {
  readonly logs: number;
  readonly executions: number;
  readonly rawPayloads: number;
  readonly rejectedRecords: number;
  readonly metrics: number;
}

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Deletes the rows `where` selects, `batch` at a time (short statements, short locks), by primary key. */
async function deleteInBatches(db: Db, table: PgTable, id: PgColumn, where: SQL, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = db.select({ id }).from(table).where(where).limit(batch);
    const gone = await db.delete(table).where(inArray(id, ids)).returning({ id });
    total += gone.length;
    if (gone.length < batch) return total;
  }
}

/** Nulls `records.raw` older than the cutoff, walking the table by id so each batch reads only its slice. */
async function dropRawPayloads(db: Db, cutoff: Date, batch: number): Promise<number> {
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const slice = await db
      .select({ id: records.id })
      .from(records)
      .where(after ? gt(records.id, after) : undefined)
      .orderBy(asc(records.id))
      .limit(batch);
    if (slice.length === 0) return total;
    after = slice.at(-1)!.id;
    const done = await db
      .update(records)
      .set({ raw: null })
      .where(and(inArray(records.id, slice.map((r) => r.id)), isNotNull(records.raw), lt(records.fetchedAt, cutoff)))
      .returning({ id: records.id });
    total += done.length;
  }
}

/**
 * Applies the retention policy as of `now`: integration logs, finished sync executions, rejected records
 * and metrics older than their period are deleted, raw payloads of records older than theirs are
 * dropped. Work goes in batches; the audit log is never touched. Safe to run again at any time (the
 * scheduler runs it daily).
 */
export async function prune(deps: EngineDeps, now: Date, policy: RetentionPolicy = defaultRetentionPolicy): Promise<PruneReport> {
  const { db } = deps.database;
  const batch = Math.max(1, policy.batchSize);
  const logs = await deleteInBatches(db, integrationLogs, integrationLogs.id, lt(integrationLogs.occurredAt, daysBefore(now, policy.logsDays)), batch);

  // Per organisation, so each batch uses the (organization_id, created_at) index.
  let executions = 0;
  const executionCutoff = daysBefore(now, policy.executionsDays);
  for (const org of await db.select({ id: organizations.id }).from(organizations)) {
    const where = and(eq(syncExecutions.organizationId, org.id), lt(syncExecutions.createdAt, executionCutoff), inArray(syncExecutions.status, ['completed', 'failed', 'cancelled']))!;
    executions += await deleteInBatches(db, syncExecutions, syncExecutions.id, where, batch);
  }

  let rejected = 0;
  const rejectedCutoff = daysBefore(now, policy.rejectedRecordsDays);
  for (const { instanceId } of await db.selectDistinct({ instanceId: rejectedRecords.instanceId }).from(rejectedRecords)) {
    const where = and(eq(rejectedRecords.instanceId, instanceId), lt(rejectedRecords.createdAt, rejectedCutoff))!;
    rejected += await deleteInBatches(db, rejectedRecords, rejectedRecords.id, where, batch);
  }

  const rawPayloads = await dropRawPayloads(db, daysBefore(now, policy.rawPayloadDays), batch);
  const metrics = await deleteInBatches(db, connectorMetrics, connectorMetrics.id, lt(connectorMetrics.periodStart, daysBefore(now, policy.metricsDays)), batch);
  const report = { logs, executions, rawPayloads, rejectedRecords: rejected, metrics };
  deps.log.info({ retention: report, policy: { ...policy } }, 'retention applied');
  return report;
}
