import { and, desc, eq, gte, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import type { DestinationFormat } from '@patchbay/sdk';
import { destinationDeadLetters, destinations, integrationInstances, outbox, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { isValidTypePattern } from '../events/catalog.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { checkCriteria } from '../subscriptions/filter.ts';
import { checkFormat, type FormatOptions } from './formats/index.ts';
import { skipFailingBatch } from './skip-batch.ts';

export type DestinationRow = typeof destinations.$inferSelect;
export type DeadLetterRow = typeof destinationDeadLetters.$inferSelect;

export interface DestinationInput {
  readonly name: string;
  readonly instanceId: string;
  /** Default: the first format the connector declares. */
  readonly format?: DestinationFormat;
  readonly formatOptions?: Record<string, unknown>;
  readonly eventType?: string;
  readonly sourceInstanceId?: string | null;
  readonly filterCriteria?: Record<string, unknown>;
  readonly isActive?: boolean;
}

export type DestinationPatch = Partial<Omit<DestinationInput, 'instanceId'>>;

function snapshot(row: DestinationRow) {
  const { name, instanceId, format, formatOptions, eventType, sourceInstanceId, filterCriteria, isActive } = row;
  return { name, instanceId, format, formatOptions, eventType, sourceInstanceId, filterCriteria, isActive };
}

/** Destination CRUD, skip and replay; every change is audited in its transaction. */
export function createDestinationService(deps: EngineDeps, registry: ConnectorRegistry, onChange: () => void = () => undefined) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<DestinationRow> {
    const q = tx.select().from(destinations).where(and(eq(destinations.id, id), eq(destinations.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No destination ${id}` });
    return row;
  }

  /** The instance's connector must declare a destination, in this format. Returns the format to use. */
  async function checkBinding(tx: Db, actor: Actor, instanceId: string, format: DestinationFormat | undefined): Promise<DestinationFormat> {
    const [instance] = await tx.select({ connectorId: integrationInstances.connectorId }).from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
    if (!instance) throw new PatchbayError('NOT_FOUND', { field: 'instance_id', message: `No instance ${instanceId}` });
    const declared = registry.get(instance.connectorId)?.destination;
    if (!declared) throw new PatchbayError('DESTINATION_UNSUPPORTED', { field: 'instance_id', message: `Connector ${instance.connectorId} has no destination capability` });
    const chosen = format ?? declared.formats[0]!;
    if (!declared.formats.includes(chosen)) throw new PatchbayError('DESTINATION_UNSUPPORTED', { field: 'format', message: `Connector ${instance.connectorId} takes ${declared.formats.join(', ')}, not ${chosen}` });
    return chosen;
  }

  async function checkSource(tx: Db, actor: Actor, id: string | null | undefined): Promise<void> {
    if (!id) return;
    const [row] = await tx.select({ id: integrationInstances.id }).from(integrationInstances).where(and(eq(integrationInstances.id, id), eq(integrationInstances.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'source_instance_id', message: `No instance ${id}` });
  }

  function checkType(eventType: string | undefined): void {
    if (eventType !== undefined && !isValidTypePattern(eventType)) throw new PatchbayError('VALIDATION_FAILED', { field: 'event_type', message: `${JSON.stringify(eventType)} is not an event type or pattern` });
  }

  return {
    /** Creates a destination whose cursor starts at the end of the outbox: new events only (replay sends older ones). */
    async create(actor: Actor, input: DestinationInput): Promise<DestinationRow> {
      checkType(input.eventType);
      const filterCriteria = checkCriteria(input.filterCriteria ?? {}) as Record<string, unknown>;
      const row = await db.transaction(async (tx) => {
        const format = await checkBinding(tx, actor, input.instanceId, input.format);
        checkFormat(format, (input.formatOptions ?? {}) as FormatOptions);
        await checkSource(tx, actor, input.sourceInstanceId);
        const [end] = await tx.select({ seq: max(outbox.seq) }).from(outbox);
        const now = deps.clock.now();
        const [created] = await tx
          .insert(destinations)
          .values({ organizationId: actor.organizationId, name: input.name, instanceId: input.instanceId, format, formatOptions: input.formatOptions ?? {}, eventType: input.eventType ?? 'record.*', sourceInstanceId: input.sourceInstanceId ?? null, filterCriteria, isActive: input.isActive ?? true, lastSeq: Number(end?.seq ?? 0), createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'destination.created', targetType: 'destination', targetId: created!.id, after: snapshot(created!) });
        return created!;
      });
      onChange();
      return row;
    },

    async list(actor: Actor, filter: PageRequest & { instanceId?: string }): Promise<Page<DestinationRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(destinations.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(destinations.instanceId, filter.instanceId));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(destinations.createdAt, t), and(eq(destinations.createdAt, t), lt(destinations.id, String(id))))!);
      }
      const rows = await db.select().from(destinations).where(and(...where)).orderBy(desc(destinations.createdAt), desc(destinations.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: DestinationPatch): Promise<DestinationRow> {
      checkType(patch.eventType);
      const filterCriteria = patch.filterCriteria === undefined ? undefined : (checkCriteria(patch.filterCriteria) as Record<string, unknown>);
      const row = await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const format = patch.format === undefined ? before.format : await checkBinding(tx, actor, before.instanceId, patch.format);
        if (patch.format !== undefined || patch.formatOptions !== undefined) checkFormat(format as DestinationFormat, (patch.formatOptions ?? before.formatOptions) as FormatOptions);
        if (patch.sourceInstanceId) await checkSource(tx, actor, patch.sourceInstanceId);
        const [after] = await tx
          .update(destinations)
          .set({ name: patch.name, format: patch.format, formatOptions: patch.formatOptions, eventType: patch.eventType, sourceInstanceId: patch.sourceInstanceId, filterCriteria, isActive: patch.isActive, updatedAt: deps.clock.now() })
          .where(eq(destinations.id, id))
          .returning();
        const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
        await appendAudit(tx, deps.clock, actor, { action: 'destination.updated', targetType: 'destination', targetId: id, before: snapshot(before), after: snapshot(after!), details: { changed } });
        return after!;
      });
      onChange();
      return row;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await tx.delete(destinations).where(eq(destinations.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'destination.deleted', targetType: 'destination', targetId: id, before: snapshot(before) });
      });
      onChange();
    },

    /**
     * Re-sends the events of a time range (their `occurred_at`) that the cursor already passed, in seq
     * order, before new events. One replay at a time per destination.
     */
    async replay(actor: Actor, id: string, range: { from: Date; to: Date }): Promise<{ row: DestinationRow; events: number }> {
      if (!(range.from.getTime() <= range.to.getTime())) throw new PatchbayError('VALIDATION_FAILED', { field: 'from', message: 'from must not be after to' });
      const result = await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        if (before.replaySeq !== null) throw new PatchbayError('DESTINATION_REPLAY_IN_PROGRESS', { message: `Destination ${id} is still replaying` });
        const inRange = and(eq(outbox.organizationId, actor.organizationId), lte(outbox.seq, before.lastSeq), gte(outbox.occurredAt, range.from), lte(outbox.occurredAt, range.to));
        const [count] = await tx.select({ n: sql<number>`count(*)::int`, first: sql<number | null>`min(${outbox.seq})` }).from(outbox).where(inRange);
        const [after] = await tx
          .update(destinations)
          .set({ replayFrom: range.from, replayTo: range.to, replaySeq: Math.max(0, Number(count?.first ?? before.lastSeq + 1) - 1), replayUntilSeq: before.lastSeq, nextAttemptAt: null })
          .where(eq(destinations.id, id))
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'destination.replayed', targetType: 'destination', targetId: id, details: { from: range.from.toISOString(), to: range.to.toISOString(), events: count?.n ?? 0 } });
        return { row: after!, events: Number(count?.n ?? 0) };
      });
      onChange();
      return result;
    },

    /** Moves the failing batch to the dead-letter queue and moves the cursor past it. */
    async skip(actor: Actor, id: string): Promise<{ row: DestinationRow; skipped: number }> {
      const result = await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        const out = await skipFailingBatch(tx, deps, before, actor);
        await appendAudit(tx, deps.clock, actor, { action: 'destination.batch_skipped', targetType: 'destination', targetId: id, details: { skipped: out.skipped, to_seq: before.failingToSeq, replay: before.replaySeq !== null } });
        return out;
      });
      onChange();
      return result;
    },

    async deadLetters(actor: Actor, id: string, page: PageRequest): Promise<Page<DeadLetterRow>> {
      await load(db, actor, id);
      const limit = clampLimit(page.limit);
      const where: SQL[] = [eq(destinationDeadLetters.destinationId, id)];
      if (page.cursor) where.push(gte(destinationDeadLetters.seq, Number(decodeCursor(page.cursor, 1)[0]) + 1));
      const rows = await db.select().from(destinationDeadLetters).where(and(...where)).orderBy(destinationDeadLetters.seq).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.seq]);
    },
  };
}

export type DestinationService = ReturnType<typeof createDestinationService>;
