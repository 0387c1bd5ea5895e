import type { ExecutionRow } from '../sync/executions.ts';
import { logOperations, type LogEntry } from './log-operation.ts';

/**
 * A failure that says nothing about the integration: the run was refused because another run of the
 * stream holds it (a conflict). Logged as a warning, not counted for health or error rates.
 */
export function isRefusedRun(row: ExecutionRow): boolean {
  return row.status === 'failed' && row.errorDetails?.kind === 'conflict';
}

/** The counters a finished execution reports, as log details. */
export function executionCounters(row: ExecutionRow): Record<string, number> {
  return {
    pages: row.pages,
    records_processed: row.recordsProcessed,
    records_created: row.recordsCreated,
    records_updated: row.recordsUpdated,
    records_unchanged: row.recordsUnchanged,
    records_deleted: row.recordsDeleted,
    records_invalid: row.recordsInvalid,
    records_failed: row.recordsFailed,
  };
}

function errorText(row: ExecutionRow): string {
  const e = row.errorDetails ?? {};
  const message = typeof e.message === 'string' ? e.message : 'unknown error';
  return typeof e.code === 'string' ? `${message} (${e.code})` : message;
}

function durationMs(row: ExecutionRow): number | null {
  return row.startedAt && row.endedAt ? row.endedAt.getTime() - row.startedAt.getTime() : null;
}

/** The entry for a sync execution that started. */
export function syncStartedEntry(row: ExecutionRow, at: Date): LogEntry {
  return {
    organizationId: row.organizationId,
    instanceId: row.instanceId,
    level: 'info',
    operation: logOperations.sync,
    message: `Sync of stream ${row.stream} started (${row.trigger})`,
    details: { stream: row.stream, trigger: row.trigger },
    userId: row.initiatedBy,
    syncId: row.id,
    occurredAt: row.startedAt ?? at,
  };
}

/** The entry for a sync execution that ended: success, warning (rejected records, cancelled) or error. */
export function syncFinishedEntry(row: ExecutionRow, at: Date): LogEntry {
  const counters = executionCounters(row);
  const base = { organizationId: row.organizationId, instanceId: row.instanceId, operation: logOperations.sync, userId: row.initiatedBy, syncId: row.id, occurredAt: row.endedAt ?? at };
  const details = { stream: row.stream, trigger: row.trigger, status: row.status, duration_ms: durationMs(row), ...counters };
  if (isRefusedRun(row)) {
    return { ...base, level: 'warning', message: `Sync of stream ${row.stream} did not run: ${errorText(row)}`, details: { ...details, error: row.errorDetails ?? null } };
  }
  if (row.status === 'failed') {
    return { ...base, level: 'error', message: `Sync of stream ${row.stream} failed: ${errorText(row)}`, details: { ...details, error: row.errorDetails ?? null } };
  }
  if (row.status === 'cancelled') {
    return { ...base, level: 'warning', message: `Sync of stream ${row.stream} was cancelled after ${row.recordsProcessed} records`, details: { ...details, error: row.errorDetails ?? null } };
  }
  const rejected = row.recordsInvalid + row.recordsFailed;
  const summary = `${row.recordsProcessed} records (${row.recordsCreated} created, ${row.recordsUpdated} updated, ${row.recordsDeleted} deleted)`;
  if (rejected > 0) {
    return { ...base, level: 'warning', message: `Sync of stream ${row.stream} completed with ${rejected} rejected records: ${summary}`, details };
  }
  return { ...base, level: 'success', message: `Sync of stream ${row.stream} completed: ${summary}`, details };
}
