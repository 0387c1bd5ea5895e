import { and, asc, eq, isNotNull, lte, min, ne, sql } from 'drizzle-orm';
import { integrationInstances, syncSchedules } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { NewExecution } from '../sync/executions.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { nextRun } from './next-run.ts';

export interface TickResult {
  /** Executions created. */
  readonly fired: number;
  /** Schedules that came due (fired, coalesced or skipped). */
  readonly due: number;
  /** The earliest next run of any active schedule, or null. */
  readonly next: Date | null;
}

/** Schedules claimed per transaction. */
const BATCH = 500;

/**
 * Patchbay's own scheduler (pg-boss cron is minute-grained and knows nothing of instances): each tick
 * claims the interval and cron schedules due at the clock's `now` (`FOR UPDATE SKIP LOCKED`, so any
 * number of processes may tick at once), creates their executions and queue jobs, and moves
 * `next_execution` on, all in one transaction. Schedules of instances that are not active move on
 * without running; a stream whose previous run is still pending or running is not queued twice.
 */
export function createScheduler(deps: EngineDeps, registry: ConnectorRegistry, sync: SyncService) {
  const { db } = deps.database;

  async function claim(now: Date): Promise<{ due: number; fired: number }> {
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ schedule: syncSchedules, instanceStatus: integrationInstances.status, connectorId: integrationInstances.connectorId })
        .from(syncSchedules)
        .innerJoin(integrationInstances, eq(integrationInstances.id, syncSchedules.instanceId))
        .where(and(eq(syncSchedules.isActive, true), ne(syncSchedules.scheduleType, 'event'), lte(syncSchedules.nextExecution, now)))
        .orderBy(asc(syncSchedules.nextExecution))
        .limit(BATCH)
        .for('update', { of: syncSchedules, skipLocked: true });
      if (due.length === 0) return { due: 0, fired: 0 };
      const active = due.filter((d) => d.instanceStatus === 'active');
      const busy = await sync.workers.busy(tx, [...new Set(active.map((d) => d.schedule.instanceId))]);
      const inputs: NewExecution[] = [];
      const moves: { id: string; next: Date | null; fired: boolean }[] = [];
      for (const { schedule, instanceStatus, connectorId } of due) {
        const next = nextRun(schedule, schedule.nextExecution!, now);
        const fire = instanceStatus === 'active';
        if (fire) {
          const streams = schedule.stream ? [schedule.stream] : (registry.get(connectorId)?.streams ?? []).map((s) => s.name);
          if (!schedule.stream && !registry.get(connectorId)) deps.log.warn({ scheduleId: schedule.id, connectorId }, 'schedule skipped: its connector is not available in this process');
          for (const stream of streams) {
            const key = `${schedule.instanceId}:${stream}`;
            if (busy.has(key)) continue;
            busy.add(key);
            inputs.push({ organizationId: schedule.organizationId, instanceId: schedule.instanceId, stream, trigger: 'scheduled', scheduleId: schedule.id });
          }
        }
        moves.push({ id: schedule.id, next, fired: fire });
      }
      await sync.workers.createExecutions(tx, inputs);
      const rows = sql.join(
        moves.map((m) => sql`(${m.id}::uuid, ${m.next ? m.next.toISOString() : null}::timestamptz, ${m.fired}::boolean)`),
        sql`, `,
      );
      await tx.execute(sql`update sync_schedules s set next_execution = v.next, last_execution = case when v.fired then ${now.toISOString()}::timestamptz else s.last_execution end
        from (values ${rows}) as v(id, next, fired) where s.id = v.id`);
      return { due: due.length, fired: inputs.length };
    });
  }

  return {
    /** Fires everything due now; returns what it did and when the next schedule is due. */
    async tick(): Promise<TickResult> {
      const now = deps.clock.now();
      let due = 0;
      let fired = 0;
      for (;;) {
        const batch = await claim(now);
        due += batch.due;
        fired += batch.fired;
        if (batch.due < BATCH) break;
      }
      const [row] = await db
        .select({ next: min(syncSchedules.nextExecution) })
        .from(syncSchedules)
        .where(and(eq(syncSchedules.isActive, true), isNotNull(syncSchedules.nextExecution)));
      return { due, fired, next: row?.next ? new Date(row.next) : null };
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
