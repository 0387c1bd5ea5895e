import { integrationLogs, type Db, type LogLevel } from '@patchbay/store';

export type { LogLevel } from '@patchbay/store';

/** Operation names the engine writes; other parts may add their own (kebab or dotted, lower case). */
export const logOperations = {
  sync: 'sync',
  connectionTest: 'connection_test',
  activate: 'instance.activate',
  deactivate: 'instance.deactivate',
  health: 'health',
  freshness: 'freshness',
  /** A live sample of a stream for the mapping designer: one vendor page read, nothing stored. */
  sample: 'sample',
} as const;

export interface LogEntry {
  readonly organizationId: string;
  readonly instanceId?: string | null;
  readonly level: LogLevel;
  readonly operation: string;
  /** For people; built from PatchbayError messages and counters, never from credentials or payloads. */
  readonly message: string;
  readonly details?: Record<string, unknown>;
  readonly userId?: string | null;
  readonly syncId?: string | null;
  readonly occurredAt: Date;
}

export type LogRow = typeof integrationLogs.$inferSelect;

const MAX_MESSAGE = 2000;

/**
 * Writes integration log entries. Pass the transaction of the change the entries describe, so the log
 * and the change commit together. Any part of the engine may call it.
 */
export async function logOperation(db: Db, ...entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(integrationLogs).values(
    entries.map((e) => ({
      organizationId: e.organizationId,
      instanceId: e.instanceId ?? null,
      level: e.level,
      operation: e.operation,
      message: e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE - 1)}…` : e.message,
      details: e.details ?? {},
      userId: e.userId ?? null,
      syncId: e.syncId ?? null,
      occurredAt: e.occurredAt,
    })),
  );
}
