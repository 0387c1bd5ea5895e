import type { syncExecutions } from '@patchbay/store';

type Execution = typeof syncExecutions.$inferSelect;

/** The outbox row for `sync.completed` (written by finishStream in the run's closing transaction). */
export function syncCompletedEvent(e: Execution, now: Date) {
  return {
    organizationId: e.organizationId,
    instanceId: e.instanceId,
    type: 'sync.completed',
    occurredAt: now,
    data: {
      execution_id: e.id,
      instance_id: e.instanceId,
      stream: e.stream,
      trigger: e.trigger,
      status: e.status,
      records_processed: e.recordsProcessed,
      records_created: e.recordsCreated,
      records_updated: e.recordsUpdated,
      records_deleted: e.recordsDeleted,
      records_invalid: e.recordsInvalid,
    },
  };
}

/** The outbox row for `sync.failed` (written by finishExecution with the failed state). */
export function syncFailedEvent(e: Execution, now: Date) {
  const details = (e.errorDetails ?? {}) as Record<string, unknown>;
  return {
    organizationId: e.organizationId,
    instanceId: e.instanceId,
    type: 'sync.failed',
    occurredAt: now,
    data: {
      execution_id: e.id,
      instance_id: e.instanceId,
      stream: e.stream,
      trigger: e.trigger,
      status: e.status,
      error: { code: details.code ?? 'INTERNAL', kind: details.kind ?? 'bug', message: details.message ?? '' },
    },
  };
}
