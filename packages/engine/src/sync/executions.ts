import { eq } from 'drizzle-orm';
import { outbox, syncExecutions, type Db, type SyncStatus, type SyncTrigger } from '@patchbay/store';
import { isPatchbayError } from '@patchbay/types';
import { syncFailedEvent } from '../events/sync-events.ts';

export type ExecutionRow = typeof syncExecutions.$inferSelect;

export interface NewExecution {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly stream: string;
  readonly trigger: SyncTrigger;
  readonly initiatedBy?: string;
  readonly scheduleId?: string;
}

export async function createExecution(db: Db, input: NewExecution, now: Date, status: SyncStatus = 'pending'): Promise<ExecutionRow> {
  const [row] = await db.insert(syncExecutions).values({ ...input, status, createdAt: now }).returning();
  return row!;
}

export async function markRunning(db: Db, id: string, now: Date): Promise<void> {
  await db.update(syncExecutions).set({ status: 'running', startedAt: now, heartbeatAt: now, endedAt: null, errorDetails: null }).where(eq(syncExecutions.id, id));
}

/** Error details safe to store and show: code, kind and message (PatchbayError messages carry no secrets). */
export function errorDetailsOf(error: unknown): Record<string, unknown> {
  if (isPatchbayError(error)) return { code: error.code, kind: error.kind, retryable: error.retryable, message: error.message, hint: error.hint ?? null };
  return { code: 'INTERNAL', kind: 'bug', retryable: false, message: error instanceof Error ? error.message : String(error) };
}

export async function finishExecution(db: Db, id: string, status: Extract<SyncStatus, 'completed' | 'failed' | 'cancelled'>, now: Date, error?: unknown): Promise<ExecutionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(syncExecutions)
      .set({ status, endedAt: now, errorDetails: error === undefined ? null : errorDetailsOf(error) })
      .where(eq(syncExecutions.id, id))
      .returning();
    // sync.failed goes out in the same transaction as the failed state (engine/src/events/catalog.ts).
    if (row && status === 'failed') await tx.insert(outbox).values(syncFailedEvent(row, now));
    return row!;
  });
}
