import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { eventSubscriptions, syncSchedules, type Db, type ScheduleType } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { isValidTypePattern } from '../events/catalog.ts';
import type { InstanceService } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, checkCron, checkTimezone, firstRun } from './next-run.ts';

export type ScheduleRow = typeof syncSchedules.$inferSelect;

export interface ScheduleInput {
  readonly instanceId: string;
  readonly stream?: string | null;
  readonly scheduleType: ScheduleType;
  readonly intervalMinutes?: number | null;
  readonly cronExpression?: string | null;
  readonly timezone?: string;
  readonly eventTrigger?: string | null;
  readonly isActive?: boolean;
}

export type SchedulePatch = Partial<Omit<ScheduleInput, 'instanceId'>>;

export interface ScheduleFilter extends PageRequest {
  readonly instanceId?: string;
  readonly scheduleType?: ScheduleType;
  readonly isActive?: boolean;
}

type Timing = Pick<ScheduleRow, 'stream' | 'scheduleType' | 'intervalMinutes' | 'cronExpression' | 'timezone' | 'eventTrigger'>;

function invalid(field: string, message: string, hint?: string): PatchbayError {
  return new PatchbayError('VALIDATION_FAILED', { field, message, hint });
}

/** Keeps the fields the schedule type uses and checks them; the others become null. */
function normalizeTiming(input: ScheduleInput | (Timing & { instanceId: string })): Timing {
  const stream = input.stream ?? null;
  const timezone = input.timezone ?? 'UTC';
  checkTimezone(timezone);
  if (input.scheduleType === 'interval') {
    const minutes = input.intervalMinutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
      throw invalid('interval_minutes', `An interval schedule needs interval_minutes, a whole number from ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}`, 'The shortest interval is one minute; use a cron expression for fixed times.');
    }
    return { stream, scheduleType: 'interval', intervalMinutes: minutes, cronExpression: null, timezone, eventTrigger: null };
  }
  if (input.scheduleType === 'cron') {
    if (typeof input.cronExpression !== 'string' || input.cronExpression.trim() === '') throw invalid('cron_expression', 'A cron schedule needs cron_expression');
    checkCron(input.cronExpression, timezone);
    return { stream, scheduleType: 'cron', intervalMinutes: null, cronExpression: input.cronExpression.trim(), timezone, eventTrigger: null };
  }
  const trigger = input.eventTrigger;
  if (typeof trigger !== 'string' || trigger === '*' || !isValidTypePattern(trigger)) {
    throw invalid('event_trigger', `An event schedule needs event_trigger, an event type such as sync.completed or record.created (or a prefix such as record.*)`, 'GET /api/integration/events/types lists the event types.');
  }
  return { stream, scheduleType: 'event', intervalMinutes: null, cronExpression: null, timezone, eventTrigger: trigger };
}

/** The subscription an event schedule fires through: any source but the schedule's own instance (no loops). */
function subscriptionValues(row: Pick<ScheduleRow, 'id' | 'organizationId' | 'instanceId' | 'stream' | 'eventTrigger' | 'isActive' | 'createdBy'>, now: Date) {
  return {
    organizationId: row.organizationId,
    name: `sync schedule ${row.id}`,
    instanceId: null,
    eventType: row.eventTrigger!,
    filterCriteria: { predicate: `data.instance_id != ${JSON.stringify(row.instanceId)}` },
    actionType: 'sync' as const,
    actionConfig: { instance_id: row.instanceId, ...(row.stream ? { stream: row.stream } : {}), schedule_id: row.id },
    isActive: row.isActive,
    createdBy: row.createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

function snapshot(row: ScheduleRow) {
  const { createdAt: _c, updatedAt: _u, lastExecution: _l, nextExecution: _n, ...rest } = row;
  return rest;
}

/**
 * SyncSchedule CRUD (org-scoped, audited in the change's transaction). Interval and cron schedules get
 * their `next_execution` here and from the scheduler after each run; event schedules own an event
 * subscription with action `sync`, kept in step in the same transaction.
 */
export function createScheduleService(deps: EngineDeps, instances: InstanceService, registry: ConnectorRegistry) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<ScheduleRow> {
    const query = tx.select().from(syncSchedules).where(and(eq(syncSchedules.id, id), eq(syncSchedules.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No sync schedule ${id}` });
    return row;
  }

  async function checkStream(actor: Actor, instanceId: string, stream: string | null): Promise<void> {
    const instance = await instances.get(actor, instanceId).catch((error: unknown) => {
      if (error instanceof PatchbayError && error.code === 'NOT_FOUND') throw new PatchbayError('NOT_FOUND', { field: 'instance_id', message: `No instance ${instanceId}` });
      throw error;
    });
    const connector = registry.get(instance.connectorId);
    if (stream === null || !connector) return;
    const names = (connector.streams ?? []).map((s) => s.name);
    if (!names.includes(stream)) throw new PatchbayError('NOT_FOUND', { field: 'stream', message: `Connector ${connector.id} has no stream ${stream}`, hint: `Streams: ${names.join(', ') || 'none'}.` });
  }

  async function syncSubscription(tx: Db, row: ScheduleRow, now: Date): Promise<ScheduleRow> {
    if (row.scheduleType !== 'event') {
      if (row.subscriptionId) {
        await tx.delete(eventSubscriptions).where(eq(eventSubscriptions.id, row.subscriptionId));
        const [cleared] = await tx.update(syncSchedules).set({ subscriptionId: null }).where(eq(syncSchedules.id, row.id)).returning();
        return cleared!;
      }
      return row;
    }
    const values = subscriptionValues(row, now);
    if (row.subscriptionId) {
      const { createdAt: _c, ...update } = values;
      const [kept] = await tx.update(eventSubscriptions).set(update).where(eq(eventSubscriptions.id, row.subscriptionId)).returning({ id: eventSubscriptions.id });
      if (kept) return row;
    }
    const [sub] = await tx.insert(eventSubscriptions).values(values).returning({ id: eventSubscriptions.id });
    const [linked] = await tx.update(syncSchedules).set({ subscriptionId: sub!.id }).where(eq(syncSchedules.id, row.id)).returning();
    return linked!;
  }

  return {
    async create(actor: Actor, input: ScheduleInput): Promise<ScheduleRow> {
      const timing = normalizeTiming(input);
      await checkStream(actor, input.instanceId, timing.stream);
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const isActive = input.isActive ?? true;
        const [inserted] = await tx
          .insert(syncSchedules)
          .values({ ...timing, organizationId: actor.organizationId, instanceId: input.instanceId, isActive, nextExecution: firstRun(timing, now), createdBy: actor.userId ?? null, createdAt: now, updatedAt: now })
          .returning();
        const row = await syncSubscription(tx, inserted!, now);
        await appendAudit(tx, deps.clock, actor, { action: 'schedule.created', targetType: 'schedule', targetId: row.id, after: snapshot(row), details: { instance_id: row.instanceId, schedule_type: row.scheduleType } });
        return row;
      });
    },

    async list(actor: Actor, filter: ScheduleFilter): Promise<Page<ScheduleRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(syncSchedules.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(syncSchedules.instanceId, filter.instanceId));
      if (filter.scheduleType) where.push(eq(syncSchedules.scheduleType, filter.scheduleType));
      if (filter.isActive !== undefined) where.push(eq(syncSchedules.isActive, filter.isActive));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(syncSchedules.createdAt, t), and(eq(syncSchedules.createdAt, t), lt(syncSchedules.id, String(id))))!);
      }
      const rows = await db.select().from(syncSchedules).where(and(...where)).orderBy(desc(syncSchedules.createdAt), desc(syncSchedules.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: SchedulePatch): Promise<ScheduleRow> {
      const current = await load(db, actor, id);
      const merged = {
        instanceId: current.instanceId,
        stream: patch.stream !== undefined ? patch.stream : current.stream,
        scheduleType: patch.scheduleType ?? current.scheduleType,
        intervalMinutes: patch.intervalMinutes !== undefined ? patch.intervalMinutes : current.intervalMinutes,
        cronExpression: patch.cronExpression !== undefined ? patch.cronExpression : current.cronExpression,
        timezone: patch.timezone ?? current.timezone,
        eventTrigger: patch.eventTrigger !== undefined ? patch.eventTrigger : current.eventTrigger,
      };
      const timing = normalizeTiming(merged);
      if (timing.stream !== current.stream) await checkStream(actor, current.instanceId, timing.stream);
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const now = deps.clock.now();
        const isActive = patch.isActive ?? before.isActive;
        const retimed = (['scheduleType', 'intervalMinutes', 'cronExpression', 'timezone'] as const).some((k) => timing[k] !== before[k]);
        const reactivated = isActive && !before.isActive;
        const nextExecution = retimed || reactivated || timing.scheduleType === 'event' ? firstRun(timing, now) : before.nextExecution;
        const [updated] = await tx.update(syncSchedules).set({ ...timing, isActive, nextExecution, updatedAt: now }).where(eq(syncSchedules.id, id)).returning();
        const row = await syncSubscription(tx, updated!, now);
        const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
        await appendAudit(tx, deps.clock, actor, { action: 'schedule.updated', targetType: 'schedule', targetId: id, before: snapshot(before), after: snapshot(row), details: { changed } });
        return row;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await tx.delete(syncSchedules).where(eq(syncSchedules.id, id));
        if (before.subscriptionId) await tx.delete(eventSubscriptions).where(eq(eventSubscriptions.id, before.subscriptionId));
        await appendAudit(tx, deps.clock, actor, { action: 'schedule.deleted', targetType: 'schedule', targetId: id, before: snapshot(before) });
      });
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
