import { and, asc, eq, gt, gte, lte, type SQL } from 'drizzle-orm';
import { destinations, outbox, type Db } from '@patchbay/store';
import { envelopeOf, type EventEnvelope, type OutboxRow } from '../events/envelope.ts';
import { compileFilter, type CompiledFilter } from '../subscriptions/filter.ts';

type DestinationRow = typeof destinations.$inferSelect;

/** The events of one batch that match the destination, and how far the batch moves its cursor. */
export interface Batch {
  /** Whether it comes from a replay in progress (the replay cursor moves, not the live one). */
  readonly replay: boolean;
  /** The cursor value the batch started after (compare-and-set when it is committed). */
  readonly fromSeq: number;
  /** The last outbox seq the batch covers (matching or not): the cursor's next value. */
  readonly toSeq: number;
  readonly events: readonly { readonly row: OutboxRow; readonly envelope: EventEnvelope }[];
}

export function destinationFilter(d: DestinationRow): CompiledFilter {
  return compileFilter(d.eventType, d.sourceInstanceId, d.filterCriteria);
}

/** The envelope the destination gets for a row, or null: the filter, `finding.created` for new findings, and no events about itself. */
export async function matchRow(d: DestinationRow, filter: CompiledFilter, row: OutboxRow): Promise<EventEnvelope | null> {
  if (row.organizationId !== d.organizationId) return null;
  const envelope = envelopeOf(row);
  // A destination's own health events never go back to it (no feedback loop while it fails).
  if (envelope.type.startsWith('destination.') && envelope.data.destination_id === d.id) return null;
  if (await filter.matches(envelope, row.instanceId)) return envelope;
  const classUid = Number(row.data.class_uid);
  if (row.type === 'record.created' && classUid >= 2000 && classUid < 3000) {
    const finding = { ...envelope, type: 'finding.created' };
    if (await filter.matches(finding, row.instanceId)) return finding;
  }
  return null;
}

export interface ReadOptions {
  readonly limit: number;
  /** Read only up to this seq (a skip re-reads exactly the failing batch). */
  readonly toSeq?: number;
  /** Keeps live rows up to the first hole in the sequence that is still within its grace period. */
  readonly contiguous?: (rows: OutboxRow[], after: number) => OutboxRow[];
}

/** Reads the next batch: the replay in progress first, else live events after the cursor. Null when there is nothing. */
export async function readBatch(tx: Db, d: DestinationRow, filter: CompiledFilter, options: ReadOptions): Promise<Batch | null> {
  const replay = d.replaySeq !== null;
  const fromSeq = replay ? d.replaySeq! : d.lastSeq;
  const where: SQL[] = [gt(outbox.seq, fromSeq)];
  if (replay) {
    where.push(eq(outbox.organizationId, d.organizationId), lte(outbox.seq, d.replayUntilSeq ?? d.lastSeq), gte(outbox.occurredAt, d.replayFrom!), lte(outbox.occurredAt, d.replayTo!));
  }
  if (options.toSeq !== undefined) where.push(lte(outbox.seq, options.toSeq));
  let rows = await tx.select().from(outbox).where(and(...where)).orderBy(asc(outbox.seq)).limit(options.limit);
  if (!replay && options.toSeq === undefined && options.contiguous) rows = options.contiguous(rows, fromSeq);
  if (rows.length === 0) {
    // Nothing (left) in a bounded range or a replay: the cursor moves to its end.
    if (options.toSeq !== undefined) return { replay, fromSeq, toSeq: options.toSeq, events: [] };
    return replay ? { replay, fromSeq, toSeq: d.replayUntilSeq ?? fromSeq, events: [] } : null;
  }
  const events: { row: OutboxRow; envelope: EventEnvelope }[] = [];
  for (const row of rows) {
    const envelope = await matchRow(d, filter, row);
    if (envelope) events.push({ row, envelope });
  }
  // A bounded read that hit the limit ends at its last row; the rest of the range comes next.
  const toSeq = options.toSeq !== undefined && rows.length < options.limit ? options.toSeq : rows.at(-1)!.seq;
  return { replay, fromSeq, toSeq, events };
}

/** The cursor columns a committed (sent, filtered or skipped) batch sets, and the compare-and-set guard. */
export function advance(d: Pick<DestinationRow, 'id' | 'replayUntilSeq'>, batch: Batch): { set: Partial<DestinationRow>; where: SQL } {
  if (!batch.replay) return { set: { lastSeq: batch.toSeq }, where: and(eq(destinations.id, d.id), eq(destinations.lastSeq, batch.fromSeq))! };
  const done = batch.toSeq >= (d.replayUntilSeq ?? 0);
  const set: Partial<DestinationRow> = done ? { replaySeq: null, replayUntilSeq: null, replayFrom: null, replayTo: null } : { replaySeq: batch.toSeq };
  return { set, where: and(eq(destinations.id, d.id), eq(destinations.replaySeq, batch.fromSeq))! };
}
