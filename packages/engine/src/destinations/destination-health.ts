import { and, eq, gt, sql } from 'drizzle-orm';
import { destinations, outbox, type Db } from '@patchbay/store';
import type { Clock } from '@patchbay/types';

type DestinationRow = typeof destinations.$inferSelect;

export type DestinationState = 'healthy' | 'failing' | 'paused';

export interface DestinationHealth {
  readonly state: DestinationState;
  /** Outbox events of the organisation after the cursor (events the filter will drop count until the cursor passes them). */
  readonly eventsBehind: number;
  /** When the oldest of them happened, and how long ago (seconds on the clock); null when caught up. */
  readonly oldestUnsentAt: Date | null;
  readonly oldestUnsentAgeSeconds: number;
}

export function stateOf(d: Pick<DestinationRow, 'isActive' | 'consecutiveFailures'>): DestinationState {
  if (!d.isActive) return 'paused';
  return d.consecutiveFailures > 0 ? 'failing' : 'healthy';
}

/** Health and lag of one destination: one indexed query on (organization_id, seq). */
export async function destinationHealth(db: Db, clock: Clock, d: DestinationRow): Promise<DestinationHealth> {
  const [lag] = await db
    .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${outbox.occurredAt})` })
    .from(outbox)
    .where(and(eq(outbox.organizationId, d.organizationId), gt(outbox.seq, d.lastSeq)));
  const oldest = lag?.oldest ? new Date(lag.oldest) : null;
  return {
    state: stateOf(d),
    eventsBehind: Number(lag?.n ?? 0),
    oldestUnsentAt: oldest,
    oldestUnsentAgeSeconds: oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0,
  };
}

/** Every destination of every organisation with its health (the /metrics gauges). */
export async function allDestinationHealth(db: Db, clock: Clock): Promise<{ row: DestinationRow; health: DestinationHealth }[]> {
  const rows = await db.select().from(destinations);
  return Promise.all(rows.map(async (row) => ({ row, health: await destinationHealth(db, clock, row) })));
}
