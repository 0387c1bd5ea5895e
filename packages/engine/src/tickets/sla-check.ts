import { and, eq, inArray, lte } from 'drizzle-orm';
import { tickets } from '@patchbay/store';
import { emitEvents, type NewEvent } from '../events/envelope.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';

/**
 * Moves running SLA clocks on (housekeeping, every minute, on the injected clock): past `near_breach_at`
 * a ticket is near breach (`ticket.sla_near_breach`), past `due_at` breached (`ticket.sla_breached`),
 * each event once per ticket. A ticket done at the vendor has its clock stopped already (met or missed).
 */
export async function checkSla(deps: EngineDeps): Promise<{ nearBreach: number; breached: number }> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const events: NewEvent[] = [];
    const breached = await tx
      .update(tickets)
      .set({ slaState: 'breached', updatedAt: now })
      .where(and(inArray(tickets.slaState, ['running', 'near_breach']), lte(tickets.dueAt, now)))
      .returning();
    for (const t of breached) {
      events.push({ organizationId: t.organizationId, instanceId: t.instanceId, type: 'ticket.sla_breached', occurredAt: now, data: { ticket_id: t.id, instance_id: t.instanceId, vendor_key: t.vendorKey, priority: t.priority, due_at: t.dueAt!.toISOString(), title: t.title } });
    }
    const near = await tx
      .update(tickets)
      .set({ slaState: 'near_breach', updatedAt: now })
      .where(and(eq(tickets.slaState, 'running'), lte(tickets.nearBreachAt, now)))
      .returning();
    for (const t of near) {
      events.push({ organizationId: t.organizationId, instanceId: t.instanceId, type: 'ticket.sla_near_breach', occurredAt: now, data: { ticket_id: t.id, instance_id: t.instanceId, vendor_key: t.vendorKey, priority: t.priority, due_at: t.dueAt!.toISOString(), title: t.title } });
    }
    await emitEvents(tx, events);
    return { nearBreach: near.length, breached: breached.length };
  });
}
