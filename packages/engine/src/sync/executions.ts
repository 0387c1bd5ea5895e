import { eq } from 'drizzle-orm';
import { syncExecutions, type Db, type SyncStatus, type SyncTrigger } from '@patchbay/store';
import { isPatchbayError } from '@patchbay/types';

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
  const [row] = await db
    .update(syncExecutions)
    .set({ status, endedAt: now, errorDetails: error === undefined ? null : errorDetailsOf(error) })
    .where(eq(syncExecutions.id, id))
    .returning();
  return row!;
}
