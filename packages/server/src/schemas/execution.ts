import { z } from 'zod';
import type { ExecutionRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const executionStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);

export const executionJson = z.object({
  id: z.uuid(),
  instance_id: z.uuid(),
  stream: z.string(),
  schedule_id: z.uuid().nullable(),
  trigger: z.string(),
  status: executionStatus,
  initiated_by: z.uuid().nullable(),
  started_at: isoOrNull,
  ended_at: isoOrNull,
  heartbeat_at: isoOrNull,
  cancel_requested_at: isoOrNull,
  pages: z.number().int(),
  records_processed: z.number().int(),
  records_created: z.number().int(),
  records_updated: z.number().int(),
  records_unchanged: z.number().int(),
  records_deleted: z.number().int(),
  records_invalid: z.number().int(),
  records_failed: z.number().int(),
  error_details: z.record(z.string(), z.unknown()).nullable(),
  created_at: iso,
});

export function toExecutionJson(r: ExecutionRow): z.infer<typeof executionJson> {
  return {
    id: r.id,
    instance_id: r.instanceId,
    stream: r.stream,
    schedule_id: r.scheduleId,
    trigger: r.trigger,
    status: r.status,
    initiated_by: r.initiatedBy,
    started_at: toIso(r.startedAt),
    ended_at: toIso(r.endedAt),
    heartbeat_at: toIso(r.heartbeatAt),
    cancel_requested_at: toIso(r.cancelRequestedAt),
    pages: r.pages,
    records_processed: r.recordsProcessed,
    records_created: r.recordsCreated,
    records_updated: r.recordsUpdated,
    records_unchanged: r.recordsUnchanged,
    records_deleted: r.recordsDeleted,
    records_invalid: r.recordsInvalid,
    records_failed: r.recordsFailed,
    error_details: r.errorDetails ?? null,
    created_at: r.createdAt.toISOString(),
  };
}
