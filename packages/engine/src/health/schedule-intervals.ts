import { and, eq } from 'drizzle-orm';
import { CronExpressionParser } from 'cron-parser';
import { integrationInstances, syncSchedules, type Db } from '@patchbay/store';
import type { FreshnessInstance, IntervalResolver } from './freshness.ts';

type ScheduleRow = typeof syncSchedules.$inferSelect;

/** The longest gap, in minutes, between the next few firings of a cron schedule (weekends included). */
export function cronIntervalMinutes(expression: string, timezone: string, now: Date): number | undefined {
  try {
    const times = CronExpressionParser.parse(expression, { currentDate: now, tz: timezone }).take(8).map((d) => d.getTime());
    let gap = 0;
    for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
    return gap > 0 ? Math.ceil(gap / 60_000) : undefined;
  } catch {
    return undefined;
  }
}

function minutesOf(schedule: ScheduleRow, now: Date): number | undefined {
  if (schedule.scheduleType === 'interval') return schedule.intervalMinutes ?? undefined;
  if (schedule.scheduleType === 'cron' && schedule.cronExpression) return cronIntervalMinutes(schedule.cronExpression, schedule.timezone, now);
  return undefined; // event schedules have no cadence to be late against
}

/**
 * A stream's effective interval: its active schedules (the stream's own, else the instance-wide ones;
 * the most frequent wins; event-only schedules mean no cadence), else the stream's declared default.
 * Loads the active schedules of active instances in one query.
 */
export async function scheduleIntervals(db: Db, now: Date): Promise<IntervalResolver> {
  const rows = (
    await db
      .select({ schedule: syncSchedules })
      .from(syncSchedules)
      .innerJoin(integrationInstances, eq(integrationInstances.id, syncSchedules.instanceId))
      .where(and(eq(syncSchedules.isActive, true), eq(integrationInstances.status, 'active')))
  ).map((r) => r.schedule);
  const byInstance = new Map<string, ScheduleRow[]>();
  for (const r of rows) byInstance.set(r.instanceId, [...(byInstance.get(r.instanceId) ?? []), r]);
  return (instance: FreshnessInstance, stream) => {
    const schedules = byInstance.get(instance.id) ?? [];
    const own = schedules.filter((s) => s.stream === stream.name);
    const applicable = own.length ? own : schedules.filter((s) => s.stream === null);
    if (applicable.length === 0) return stream.schedule?.intervalMinutes;
    const minutes = applicable.map((s) => minutesOf(s, now)).filter((m): m is number => m !== undefined);
    return minutes.length ? Math.min(...minutes) : undefined;
  };
}
