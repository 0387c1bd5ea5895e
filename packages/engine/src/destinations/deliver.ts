import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { DestinationEvent, DestinationFormat, Transport } from '@patchbay/sdk';
import { destinations, integrationInstances } from '@patchbay/store';
import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { emitEvents } from '../events/envelope.ts';
import { deadline } from '../lib/deadline.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { errorDetailsOf } from '../sync/executions.ts';
import type { AuthResolver } from '../sync/sync-service.ts';
import type { CompiledFilter } from '../subscriptions/filter.ts';
import { retryDelayMs } from './backoff.ts';
import { createFormatter, type FormatOptions, type Formatter } from './formats/index.ts';
import { createGapGuard } from './gap-guard.ts';
import { advance, destinationFilter, readBatch, type Batch } from './read-batch.ts';
import { createSenderCache } from './sender-cache.ts';

type DestinationRow = typeof destinations.$inferSelect;

export interface DestinationDeliveryOptions {
  /** Outbox rows read per batch (at most the connector's maxBatchEvents; default 500). */
  readonly batchSize?: number;
  /** How long a process owns a destination while it sends (clock time; default 60 s). */
  readonly leaseMs?: number;
  /** How long a hole in the outbox sequence is waited for (real time; default 2 s), as the dispatcher does. */
  readonly gapGraceMs?: number;
  /** A send that takes longer fails and is aborted (clock time; default 30 s). */
  readonly sendTimeoutMs?: number;
}

/** How long a send may take by default (the HTTP client waits out a Retry-After of up to 10 s within it). */
export const SEND_TIMEOUT_MS = 30_000;

const FAILURE_RESET = { consecutiveFailures: 0, nextAttemptAt: null, failingSince: null, lastError: null, failingToSeq: null } as const;

/**
 * Sends each destination's events: reads the outbox after its cursor (a replay in progress first),
 * renders the matching events in its format, hands the batch to its connector, and only once the
 * connector returned (the receiver has it) advances the cursor, with a compare-and-set so a skip or
 * another process in between wins. A failure keeps the cursor where it is, retries with backoff on the
 * clock and raises `destination.failing` once per failure streak (`destination.recovered` when it ends).
 */
export function createDestinationDelivery(deps: EngineDeps, registry: ConnectorRegistry, authFor?: AuthResolver, transport?: Transport, options: DestinationDeliveryOptions = {}) {
  const { db } = deps.database;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const gaps = new Map<string, ReturnType<typeof createGapGuard>>();
  const compiled = new Map<string, { key: string; filter: CompiledFilter; format: Formatter }>();
  const senders = createSenderCache(deps, authFor, transport);

  /** Takes every due destination nobody else holds. */
  async function claim(): Promise<DestinationRow[]> {
    const now = deps.clock.now();
    return db
      .update(destinations)
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
      .where(and(eq(destinations.isActive, true), or(isNull(destinations.nextAttemptAt), lte(destinations.nextAttemptAt, now)), or(isNull(destinations.leaseUntil), lt(destinations.leaseUntil, now))))
      .returning();
  }

  async function release(ids: string[]): Promise<void> {
    if (ids.length) await db.update(destinations).set({ leaseOwner: null, leaseUntil: null }).where(and(inArray(destinations.id, ids), eq(destinations.leaseOwner, owner)));
  }

  function compiledFor(d: DestinationRow) {
    const key = d.updatedAt.toISOString();
    const cached = compiled.get(d.id);
    if (cached?.key === key) return cached;
    const entry = { key, filter: destinationFilter(d), format: createFormatter(d.format as DestinationFormat, d.formatOptions as FormatOptions) };
    compiled.set(d.id, entry);
    return entry;
  }

  async function render(d: DestinationRow, batch: Batch, format: Formatter): Promise<DestinationEvent[]> {
    const out: DestinationEvent[] = [];
    for (const { row, envelope } of batch.events) {
      const record = envelope.data.record as { severity_id?: unknown } | undefined;
      const severity = typeof envelope.data.severity_id === 'number' ? envelope.data.severity_id : typeof record?.severity_id === 'number' ? record.severity_id : null;
      out.push({ id: row.id, seq: row.seq, type: envelope.type, occurredAt: row.occurredAt, instanceId: row.instanceId, severityId: severity, body: await format({ id: row.id, instanceId: row.instanceId, envelope }) });
    }
    return out;
  }

  /** The send, or a failure once the clock passes the send timeout (`fail` then drops the sender, which aborts the send). */
  async function withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
    const done = new AbortController();
    try {
      return await Promise.race([promise, deadline(deps.clock, ms, done.signal, () => new PatchbayError('DESTINATION_SEND_FAILED', { message: `The destination did not take the batch within ${ms} ms` }))]);
    } finally {
      done.abort();
    }
  }

  async function succeed(d: DestinationRow, batch: Batch, sent: number): Promise<void> {
    const now = deps.clock.now();
    const move = advance(d, batch);
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(destinations)
        .set({ ...move.set, ...FAILURE_RESET, eventsSent: sql`${destinations.eventsSent} + ${sent}`, ...(sent > 0 ? { lastSentAt: now } : {}), leaseOwner: null, leaseUntil: null })
        .where(move.where)
        .returning({ id: destinations.id });
      if (row && d.consecutiveFailures > 0) {
        await emitEvents(tx, [{ organizationId: d.organizationId, instanceId: d.instanceId, type: 'destination.recovered', occurredAt: now, data: { destination_id: d.id, name: d.name, instance_id: d.instanceId, failing_since: d.failingSince?.toISOString() ?? null, failures: d.consecutiveFailures } }]);
      }
    });
  }

  async function fail(d: DestinationRow, batch: Batch, error: unknown): Promise<void> {
    await senders.drop(d.id);
    const now = deps.clock.now();
    const failures = d.consecutiveFailures + 1;
    // The receiver's Retry-After (a rate limit longer than a send waits out) is a floor under the backoff.
    const asked = isPatchbayError(error) ? (error.retryAfterMs ?? 0) : 0;
    const nextAttemptAt = new Date(now.getTime() + Math.max(retryDelayMs(failures), asked));
    const reason = errorDetailsOf(error);
    deps.log.warn({ destinationId: d.id, failures, code: reason.code }, 'destination send failed; the cursor waits');
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(destinations)
        .set({ consecutiveFailures: failures, nextAttemptAt, failingSince: d.failingSince ?? now, lastError: reason, failingToSeq: d.failingToSeq ?? batch.toSeq, leaseOwner: null, leaseUntil: null })
        .where(and(eq(destinations.id, d.id), eq(destinations.leaseOwner, owner), eq(destinations.lastSeq, d.lastSeq)))
        .returning({ id: destinations.id });
      if (row && d.consecutiveFailures === 0) {
        await emitEvents(tx, [{ organizationId: d.organizationId, instanceId: d.instanceId, type: 'destination.failing', occurredAt: now, data: { destination_id: d.id, name: d.name, instance_id: d.instanceId, reason: { code: reason.code, message: reason.message }, next_attempt_at: nextAttemptAt.toISOString(), replay: batch.replay } }]);
      }
    });
  }

  /** One batch of one claimed destination; returns how far its cursor moved (0 when idle or failing). */
  async function deliverOne(d: DestinationRow): Promise<number> {
    const [instance] = await db.select().from(integrationInstances).where(eq(integrationInstances.id, d.instanceId));
    const connector = instance ? registry.get(instance.connectorId) : undefined;
    let batch: Batch | null = null;
    try {
      if (!instance || !connector?.destination) throw new PatchbayError('DESTINATION_UNSUPPORTED', { message: `The connector of instance ${d.instanceId} is not available as a destination in this process` });
      const { filter, format } = compiledFor(d);
      const limit = Math.min(options.batchSize ?? 500, connector.destination.maxBatchEvents ?? 500);
      let gap = gaps.get(d.id);
      if (!gap) gaps.set(d.id, (gap = createGapGuard(options.gapGraceMs ?? 2_000)));
      // A retry re-sends exactly the batch that failed (receivers that deduplicate by batch, like HEC acks, see the same one).
      batch = await readBatch(db, d, filter, { limit, contiguous: gap, ...(d.failingToSeq !== null && d.failingToSeq > (d.replaySeq ?? d.lastSeq) ? { toSeq: d.failingToSeq } : {}) });
      if (!batch) {
        await release([d.id]);
        return 0;
      }
      if (batch.events.length > 0) {
        const events = await render(d, batch, format);
        const sender = await senders.get(d.id, `${d.updatedAt.toISOString()}|${instance.updatedAt.toISOString()}`, connector, instance);
        await withTimeout(sender.send({ format: d.format as DestinationFormat, events, replay: batch.replay }));
      }
      await succeed(d, batch, batch.events.length);
      return Math.max(1, batch.toSeq - batch.fromSeq);
    } catch (error) {
      await fail(d, batch ?? { replay: d.replaySeq !== null, fromSeq: d.lastSeq, toSeq: d.lastSeq, events: [] }, error);
      return 0;
    }
  }

  return {
    owner,
    /** One batch for every due destination (in parallel); returns the total cursor movement. */
    async runOnce(): Promise<number> {
      const claimed = await claim();
      const moved = await Promise.all(claimed.map((d) => deliverOne(d)));
      return moved.reduce((a, b) => a + b, 0);
    },
    /** Until nothing moves (tests, benchmarks). */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await this.runOnce();
        total += n;
        if (n === 0) return total;
      }
    },
    forget(id: string): Promise<void> {
      compiled.delete(id);
      gaps.delete(id);
      return senders.drop(id);
    },
    close: () => senders.closeAll(),
  };
}

export type DestinationDelivery = ReturnType<typeof createDestinationDelivery>;
