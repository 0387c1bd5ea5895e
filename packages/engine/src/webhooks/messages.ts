import { and, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import { deliveryAttempts, webhookEndpoints, webhookMessages, type MessageStatus } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

export type MessageRow = typeof webhookMessages.$inferSelect;
export type AttemptRow = typeof deliveryAttempts.$inferSelect;

export interface MessageFilter extends PageRequest {
  readonly endpointId?: string;
  readonly status?: MessageStatus;
  readonly eventType?: string;
}

/** The delivery log, the dead-letter queue and replay. */
export function createMessageService(deps: EngineDeps) {
  const { db } = deps.database;

  async function requireEndpoint(actor: Actor, id: string): Promise<void> {
    const [row] = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No webhook endpoint ${id}` });
  }

  async function list(actor: Actor, filter: MessageFilter): Promise<Page<MessageRow>> {
    const limit = clampLimit(filter.limit);
    const where: SQL[] = [eq(webhookMessages.organizationId, actor.organizationId)];
    if (filter.endpointId) where.push(eq(webhookMessages.endpointId, filter.endpointId));
    if (filter.status) where.push(eq(webhookMessages.status, filter.status));
    if (filter.eventType) where.push(eq(webhookMessages.eventType, filter.eventType));
    if (filter.cursor) where.push(lt(webhookMessages.seq, Number(decodeCursor(filter.cursor, 1)[0])));
    const rows = await db.select().from(webhookMessages).where(and(...where)).orderBy(desc(webhookMessages.seq)).limit(limit + 1);
    return toPage(rows, limit, (r) => [r.seq]);
  }

  async function get(actor: Actor, id: string): Promise<MessageRow> {
    const [row] = await db.select().from(webhookMessages).where(and(eq(webhookMessages.id, id), eq(webhookMessages.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No webhook message ${id}` });
    return row;
  }

  /** Puts messages back at the head of the queue (fresh schedule), in their original order. */
  async function requeue(actor: Actor, where: SQL, audit: { targetType: string; targetId: string; details: Record<string, unknown> }): Promise<number> {
    return db.transaction(async (tx) => {
      const now = deps.clock.now();
      const rows = await tx
        .update(webhookMessages)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null, deadLetteredAt: null })
        .where(and(eq(webhookMessages.organizationId, actor.organizationId), where))
        .returning({ seq: webhookMessages.seq });
      await appendAudit(tx, deps.clock, actor, { action: 'webhook_message.replayed', targetType: audit.targetType, targetId: audit.targetId, details: { ...audit.details, count: rows.length } });
      return rows.length;
    });
  }

  return {
    list,
    get,
    deadLetters: (actor: Actor, filter: Omit<MessageFilter, 'status'>) => list(actor, { ...filter, status: 'dead_lettered' }),

    async attempts(actor: Actor, messageId: string, page: PageRequest): Promise<Page<AttemptRow>> {
      await get(actor, messageId);
      const limit = clampLimit(page.limit);
      const where: SQL[] = [eq(deliveryAttempts.messageId, messageId)];
      if (page.cursor) {
        const [at, id] = decodeCursor(page.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(deliveryAttempts.attemptedAt, t), and(eq(deliveryAttempts.attemptedAt, t), lt(deliveryAttempts.id, String(id))))!);
      }
      const rows = await db.select().from(deliveryAttempts).where(and(...where)).orderBy(desc(deliveryAttempts.attemptedAt), desc(deliveryAttempts.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.attemptedAt.toISOString(), r.id]);
    },

    /** Replays one message (delivered, retrying or dead-lettered): same `webhook-id`, so receivers can deduplicate. */
    async replay(actor: Actor, messageId: string): Promise<MessageRow> {
      const before = await get(actor, messageId);
      if (before.status === 'delivering' || before.status === 'pending') throw new PatchbayError('CONFLICT', { message: `Message ${messageId} is ${before.status}; it is already on its way` });
      await requeue(actor, eq(webhookMessages.id, messageId), { targetType: 'webhook_message', targetId: messageId, details: { from: before.status } });
      return get(actor, messageId);
    },

    /** Replays an endpoint's dead-lettered (or, with `status`, failed/delivered) messages created in [from, to). */
    async replayRange(actor: Actor, endpointId: string, range: { from: Date; to: Date; statuses?: MessageStatus[] }): Promise<number> {
      await requireEndpoint(actor, endpointId);
      const statuses = range.statuses ?? ['dead_lettered'];
      return requeue(actor, and(eq(webhookMessages.endpointId, endpointId), inArray(webhookMessages.status, statuses), gte(webhookMessages.createdAt, range.from), lt(webhookMessages.createdAt, range.to))!, {
        targetType: 'webhook_endpoint',
        targetId: endpointId,
        details: { from: range.from.toISOString(), to: range.to.toISOString(), statuses },
      });
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
