import { z } from 'zod';
import type { LogRow } from '@patchbay/engine';
import { iso, pageQuery } from './common.ts';

export const logLevel = z.enum(['info', 'warning', 'error', 'success']);

export const logJson = z.object({
  id: z.uuid(),
  instance_id: z.uuid().nullable(),
  level: logLevel,
  operation: z.string().describe('`sync`, `connection_test`, `instance.activate`, `instance.deactivate`, `health`, `freshness`, `action`, `sample` (a live sample for the mapping designer), ...'),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  user_id: z.uuid().nullable(),
  sync_id: z.uuid().nullable().describe('The sync execution the entry belongs to'),
  timestamp: iso,
});

/** Filters of both log routes (the instance route has the instance in its path). */
export const logQuery = pageQuery.extend({
  level: logLevel.optional(),
  operation: z.string().min(1).max(100).optional(),
  sync_id: z.uuid().optional(),
  since: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time'),
  until: z.iso.datetime({ offset: true }).optional().describe('Entries before this time'),
  text: z.string().min(1).max(200).optional().describe('Case-insensitive text in the message'),
});

export const orgLogQuery = logQuery.extend({ instance_id: z.uuid().optional() });

export function logFilterOf(query: z.output<typeof logQuery>) {
  return {
    limit: query.limit,
    cursor: query.cursor,
    level: query.level,
    operation: query.operation,
    syncId: query.sync_id,
    since: query.since ? new Date(query.since) : undefined,
    until: query.until ? new Date(query.until) : undefined,
    text: query.text,
  };
}

export function toLogJson(r: LogRow): z.infer<typeof logJson> {
  return {
    id: r.id,
    instance_id: r.instanceId,
    level: r.level,
    operation: r.operation,
    message: r.message,
    details: r.details,
    user_id: r.userId,
    sync_id: r.syncId,
    timestamp: r.occurredAt.toISOString(),
  };
}
