import { destinationDeadLetters, destinations, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { advance, destinationFilter, readBatch } from './read-batch.ts';

type DestinationRow = typeof destinations.$inferSelect;

/**
 * Moves the batch a failing destination keeps failing on into the dead-letter queue (the matching events,
 * as they were in the outbox, with the failure) and advances the cursor past it, in the caller's
 * transaction (the row is locked). A send of that batch still in flight can no longer advance the cursor:
 * its compare-and-set no longer matches.
 */
export async function skipFailingBatch(tx: Db, deps: EngineDeps, d: DestinationRow, actor: Actor): Promise<{ row: DestinationRow; skipped: number }> {
  if (d.consecutiveFailures === 0 || d.failingToSeq === null) throw new PatchbayError('DESTINATION_NOT_FAILING', { message: `Destination ${d.id} is not failing` });
  const batch = await readBatch(tx, d, destinationFilter(d), { limit: 10_000, toSeq: d.failingToSeq });
  const now = deps.clock.now();
  if (batch && batch.events.length > 0) {
    await tx
      .insert(destinationDeadLetters)
      .values(batch.events.map(({ row, envelope }) => ({ organizationId: d.organizationId, destinationId: d.id, eventId: row.id, seq: row.seq, eventType: envelope.type, occurredAt: row.occurredAt, payload: envelope as unknown as Record<string, unknown>, reason: d.lastError, skippedBy: actor.userId ?? null, createdAt: now })))
      .onConflictDoNothing();
  }
  const move = batch ? advance(d, batch).set : {};
  const [row] = await tx
    .update(destinations)
    .set({ ...move, consecutiveFailures: 0, nextAttemptAt: null, failingSince: null, failingToSeq: null, lastError: null, leaseOwner: null, leaseUntil: null, updatedAt: now })
    .where(advance(d, batch ?? { replay: d.replaySeq !== null, fromSeq: d.replaySeq ?? d.lastSeq, toSeq: d.failingToSeq, events: [] }).where)
    .returning();
  if (!row) throw new PatchbayError('CONFLICT', { message: `Destination ${d.id} moved on while skipping; read it again` });
  return { row, skipped: batch?.events.length ?? 0 };
}
