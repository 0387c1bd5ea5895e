import { z } from 'zod';
import type { ScheduleRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const scheduleType = z.enum(['interval', 'cron', 'event']);

export const scheduleJson = z.object({
  id: z.uuid(),
  instance_id: z.uuid(),
  stream: z.string().nullable().describe('One stream, or null for every stream of the instance'),
  schedule_type: scheduleType,
  interval_minutes: z.number().int().nullable(),
  cron_expression: z.string().nullable(),
  timezone: z.string(),
  event_trigger: z.string().nullable(),
  subscription_id: z.uuid().nullable().describe('The event subscription an event schedule fires through'),
  is_active: z.boolean(),
  last_execution: isoOrNull,
  next_execution: isoOrNull,
  created_by: z.uuid().nullable(),
  created_at: iso,
  updated_at: iso,
});

const timing = {
  stream: z.string().min(1).nullable().optional().describe('Sync only this stream (default: every stream)'),
  schedule_type: scheduleType,
  interval_minutes: z.number().int().nullable().optional().describe('interval: minutes between runs (at least 1)'),
  cron_expression: z.string().max(200).nullable().optional().describe('cron: five fields (minute hour day-of-month month day-of-week), e.g. "*/15 * * * *", or @daily'),
  timezone: z.string().min(1).max(100).optional().describe('cron: IANA time zone the expression is read in (default UTC)'),
  event_trigger: z.string().max(200).nullable().optional().describe('event: the event type that fires a sync, e.g. sync.completed or record.created, or a prefix such as record.*'),
  is_active: z.boolean().optional(),
};

export const createScheduleBody = z.object({ instance_id: z.uuid(), ...timing }).strict();

export const updateScheduleBody = z.object(timing).partial().strict();

export const scheduleQuery = {
  instance_id: z.uuid().optional(),
  schedule_type: scheduleType.optional(),
  is_active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};

export function toScheduleJson(row: ScheduleRow): z.infer<typeof scheduleJson> {
  return {
    id: row.id,
    instance_id: row.instanceId,
    stream: row.stream,
    schedule_type: row.scheduleType,
    interval_minutes: row.intervalMinutes,
    cron_expression: row.cronExpression,
    timezone: row.timezone,
    event_trigger: row.eventTrigger,
    subscription_id: row.subscriptionId,
    is_active: row.isActive,
    last_execution: toIso(row.lastExecution),
    next_execution: toIso(row.nextExecution),
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
