import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { records, ticketFindings, ticketOperations, tickets } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { TicketRow } from './ticket-engine.ts';

export interface TicketFilter extends PageRequest {
  readonly status?: string;
  readonly slaState?: string;
  readonly instanceId?: string;
  readonly ruleId?: string;
}

export interface TicketFinding {
  readonly recordId: string;
  readonly stream: string;
  readonly externalId: string;
  readonly classUid: number;
  readonly severityId: number | null;
  readonly title: string | null;
  readonly linkedAt: Date;
  readonly resolvedAt: Date | null;
  readonly ticketResolvedAt: Date | null;
}

/** Reading tickets (with their findings and SLA state) and retrying one whose creation failed. */
export function createTicketService(deps: EngineDeps, onChange: () => void = () => undefined) {
  const { db } = deps.database;

  async function load(actor: Actor, id: string): Promise<TicketRow> {
    const [row] = await db.select().from(tickets).where(and(eq(tickets.id, id), eq(tickets.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No ticket ${id}` });
    return row;
  }

  return {
    async list(actor: Actor, filter: TicketFilter = {}): Promise<Page<TicketRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(tickets.organizationId, actor.organizationId)];
      if (filter.status) where.push(eq(tickets.status, filter.status));
      if (filter.slaState) where.push(eq(tickets.slaState, filter.slaState));
      if (filter.instanceId) where.push(eq(tickets.instanceId, filter.instanceId));
      if (filter.ruleId) where.push(eq(tickets.ruleId, filter.ruleId));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(tickets.createdAt, t), and(eq(tickets.createdAt, t), lt(tickets.id, String(id))))!);
      }
      const rows = await db.select().from(tickets).where(and(...where)).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: load,

    async findings(actor: Actor, id: string): Promise<TicketFinding[]> {
      await load(actor, id);
      const rows = await db
        .select({ link: ticketFindings, stream: records.stream, externalId: records.externalId, classUid: records.classUid, severityId: records.severityId, data: records.data })
        .from(ticketFindings)
        .innerJoin(records, eq(records.id, ticketFindings.recordId))
        .where(eq(ticketFindings.ticketId, id))
        .orderBy(ticketFindings.linkedAt);
      return rows.map((r) => ({
        recordId: r.link.recordId,
        stream: r.stream,
        externalId: r.externalId,
        classUid: r.classUid,
        severityId: r.severityId,
        title: ((r.data.finding_info as { title?: string } | undefined)?.title ?? null) as string | null,
        linkedAt: r.link.linkedAt,
        resolvedAt: r.link.resolvedAt,
        ticketResolvedAt: r.link.ticketResolvedAt,
      }));
    },

    /** Queues the failed operations of a ticket again (audited). */
    async retry(actor: Actor, id: string): Promise<TicketRow> {
      const row = await db.transaction(async (tx) => {
        const [ticket] = await tx.select().from(tickets).where(and(eq(tickets.id, id), eq(tickets.organizationId, actor.organizationId))).for('update');
        if (!ticket) throw new PatchbayError('NOT_FOUND', { message: `No ticket ${id}` });
        const requeued = await tx.update(ticketOperations).set({ status: 'pending', attempts: 0, nextAttemptAt: deps.clock.now() }).where(and(eq(ticketOperations.ticketId, id), eq(ticketOperations.status, 'failed'))).returning();
        if (requeued.length === 0) throw new PatchbayError('CONFLICT', { message: `Ticket ${id} has no failed operation to retry`, hint: 'Only tickets whose ITSM calls were given up can be retried.' });
        const [after] = await tx.update(tickets).set({ status: ticket.vendorKey ? ticket.status : 'pending', updatedAt: deps.clock.now() }).where(eq(tickets.id, id)).returning();
        await appendAudit(tx, deps.clock, actor, { action: 'ticket.retried', targetType: 'ticket', targetId: id, details: { operations: requeued.length } });
        return after!;
      });
      onChange();
      return row;
    },
  };
}
