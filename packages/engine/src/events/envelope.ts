import { outbox, type Db } from '@patchbay/store';

export type OutboxRow = typeof outbox.$inferSelect;

/** The Standard Webhooks envelope used everywhere: outgoing webhooks, subscriptions, the API. */
export interface EventEnvelope {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

export function envelopeOf(row: Pick<OutboxRow, 'type' | 'occurredAt' | 'data'>): EventEnvelope {
  return { type: row.type, timestamp: row.occurredAt.toISOString(), data: row.data };
}

export interface NewEvent {
  readonly organizationId: string;
  readonly instanceId?: string | null;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly occurredAt: Date;
}

/** Writes events into the outbox inside the caller's transaction (with the change that caused them). */
export async function emitEvents(tx: Db, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(outbox).values(events.map((e) => ({ organizationId: e.organizationId, instanceId: e.instanceId ?? null, type: e.type, data: e.data, occurredAt: e.occurredAt })));
}
