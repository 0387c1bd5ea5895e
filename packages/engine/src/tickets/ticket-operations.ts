import { eq, sql } from 'drizzle-orm';
import { ticketStatusOf, type AnyConnector, type TicketChange, type TicketDraft, type TicketState, type Transport } from '@patchbay/sdk';
import { ticketOperations, tickets } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { retryDelayMs } from '../destinations/backoff.ts';
import { emitEvents, type NewEvent } from '../events/envelope.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation } from '../logs/log-operation.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { InstanceService } from '../instances/instances.ts';
import { systemActor } from '../lib/actor.ts';
import type { AuthResolver } from '../sync/sync-service.ts';
import type { TicketEngine, TicketRow } from './ticket-engine.ts';

type OperationRow = typeof ticketOperations.$inferSelect;

/** Attempts before an operation is given up (then the ticket shows the error; POST /api/tickets/{id}/retry queues it again). */
export const MAX_TICKET_ATTEMPTS = 6;
/** A claimed operation whose process died is retried after this long. */
const CLAIM_MS = 5 * 60_000;

function errorView(error: unknown): Record<string, unknown> {
  if (error instanceof PatchbayError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

const retryable = (error: unknown) => !(error instanceof PatchbayError) || error.retryable;

/**
 * Makes the ITSM calls the ticket engine queued: in order per ticket, one at a time per ticket, claimed
 * with a timeout (a process that dies mid-call leaves the claim to expire and the call is retried: create
 * is idempotent on the dedup key), retried with backoff on the injected clock, given up after
 * MAX_TICKET_ATTEMPTS with the error on the ticket and a `ticket.failed` event.
 */
export function createTicketOperations(deps: EngineDeps, registry: ConnectorRegistry, instances: InstanceService, engine: TicketEngine, authFor?: AuthResolver, transport?: Transport) {
  const { db } = deps.database;

  /** Claims due operations whose ticket has no earlier unfinished one. */
  async function claim(limit: number): Promise<OperationRow[]> {
    const now = deps.clock.now();
    const rows = await db.execute(sql`
      update ticket_operations o set status = 'running', attempts = o.attempts + 1, next_attempt_at = ${new Date(now.getTime() + CLAIM_MS).toISOString()}::timestamptz
      where o.id in (
        select c.id from ticket_operations c
        where c.status in ('pending', 'running') and c.next_attempt_at <= ${now.toISOString()}::timestamptz
          and not exists (select 1 from ticket_operations p where p.ticket_id = c.ticket_id and p.id < c.id and p.status in ('pending', 'running'))
        order by c.id limit ${limit} for update skip locked)
      returning o.id`);
    const ids = (rows as unknown as { rows: { id: number | string }[] }).rows.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    return db.select().from(ticketOperations).where(sql`${ticketOperations.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`).orderBy(ticketOperations.id);
  }

  async function call(op: OperationRow, ticket: TicketRow): Promise<{ state: TicketState; connector: AnyConnector }> {
    const instance = await instances.get(systemActor(ticket.organizationId, 'ticket-engine'), ticket.instanceId);
    const connector = registry.get(instance.connectorId);
    const declaration = connector?.ticket;
    if (!connector || !declaration) throw new PatchbayError('TICKETING_UNSUPPORTED', { message: `Connector ${instance.connectorId} has no ticket capability` });
    const controller = new AbortController();
    const auth = await authFor?.(instance, 'ticket');
    const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal: controller.signal, auth, transport });
    try {
      if (op.kind === 'create') return { state: await declaration.create(ctx, op.change as unknown as TicketDraft), connector };
      if (!ticket.vendorKey) throw new PatchbayError('CONFLICT', { message: `Ticket ${ticket.id} was never created at the vendor`, hint: 'Retry the ticket (POST /api/tickets/{id}/retry) once the ITSM is reachable.' });
      return { state: await declaration.update(ctx, ticket.vendorKey, op.change as unknown as TicketChange), connector };
    } finally {
      await ctx.close();
      controller.abort();
    }
  }

  async function succeed(op: OperationRow, ticket: TicketRow, state: TicketState, connector: AnyConnector): Promise<void> {
    await db.transaction(async (tx) => {
      const now = deps.clock.now();
      const events: NewEvent[] = [];
      const logs = [] as Parameters<typeof logOperation>[1][];
      await tx.update(ticketOperations).set({ status: 'done', lastError: null }).where(eq(ticketOperations.id, op.id));
      const [current] = await tx.select().from(tickets).where(eq(tickets.id, ticket.id)).for('update');
      if (!current) return;
      const patch: Partial<TicketRow> = { vendorKey: state.key, vendorUrl: state.url, lastError: null, updatedAt: now };
      if (op.kind === 'create') {
        patch.fields = (op.change.fields as Record<string, unknown>) ?? {};
        events.push({ organizationId: ticket.organizationId, instanceId: ticket.instanceId, type: 'ticket.created', occurredAt: now, data: { ticket_id: ticket.id, instance_id: ticket.instanceId, vendor_key: state.key, vendor_url: state.url, priority: current.priority, title: current.title } });
      }
      await tx.update(tickets).set(patch).where(eq(tickets.id, ticket.id));
      const { status, known } = ticketStatusOf(connector.ticket!.statuses, state.status);
      if (!known) logs.push({ organizationId: ticket.organizationId, instanceId: ticket.instanceId, level: 'warning', operation: 'ticket.status', message: `Vendor status "${state.status}" of ${state.key} is not in the status table; counted as open`, details: { ticket_id: ticket.id }, occurredAt: now });
      await engine.applyVendorStatus(tx, { ...current, ...patch } as TicketRow, state.status, status, events, logs);
      await emitEvents(tx, events);
      await logOperation(tx, ...logs);
    });
  }

  async function fail(op: OperationRow, ticket: TicketRow, error: unknown): Promise<void> {
    const now = deps.clock.now();
    const view = errorView(error);
    const giveUp = !retryable(error) || op.attempts >= MAX_TICKET_ATTEMPTS;
    await db.transaction(async (tx) => {
      await tx
        .update(ticketOperations)
        .set({ status: giveUp ? 'failed' : 'pending', lastError: view, nextAttemptAt: giveUp ? now : new Date(now.getTime() + retryDelayMs(op.attempts)) })
        .where(eq(ticketOperations.id, op.id));
      await tx.update(tickets).set({ lastError: view, ...(giveUp && op.kind === 'create' ? { status: 'failed' } : {}), updatedAt: now }).where(eq(tickets.id, ticket.id));
      await logOperation(tx, { organizationId: ticket.organizationId, instanceId: ticket.instanceId, level: giveUp ? 'error' : 'warning', operation: `ticket.${op.kind}`, message: `${giveUp ? 'Gave up' : 'Will retry'} ${op.kind} of ticket ${ticket.vendorKey ?? ticket.id} (attempt ${op.attempts}): ${view.message as string}`, details: { ticket_id: ticket.id, error: view }, occurredAt: now });
      if (giveUp) await emitEvents(tx, [{ organizationId: ticket.organizationId, instanceId: ticket.instanceId, type: 'ticket.failed', occurredAt: now, data: { ticket_id: ticket.id, instance_id: ticket.instanceId, operation: op.kind, attempts: op.attempts, error: view } }]);
    });
    // Later operations of a ticket whose create was given up cannot succeed: fail them with it.
    if (giveUp && op.kind === 'create') {
      await db.update(ticketOperations).set({ status: 'failed', lastError: { code: 'CONFLICT', message: 'The ticket was never created at the vendor' } }).where(sql`${ticketOperations.ticketId} = ${ticket.id} and ${ticketOperations.status} = 'pending'`);
    }
  }

  return {
    /** Runs the due operations once; returns how many it ran. */
    async runOnce(limit = 20): Promise<number> {
      const ops = await claim(limit);
      for (const op of ops) {
        const [ticket] = await db.select().from(tickets).where(eq(tickets.id, op.ticketId));
        if (!ticket) continue;
        try {
          const { state, connector } = await call(op, ticket);
          await succeed(op, ticket, state, connector);
        } catch (error) {
          await fail(op, ticket, error);
        }
      }
      return ops.length;
    },
  };
}

export type TicketOperations = ReturnType<typeof createTicketOperations>;
