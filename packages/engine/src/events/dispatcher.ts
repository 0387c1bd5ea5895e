import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { eventSubscriptions, outbox, outboxCursors, webhookEndpoints, webhookMessages, type Db } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { compileFilter, type CompiledFilter } from '../subscriptions/filter.ts';
import { envelopeOf, type EventEnvelope, type OutboxRow } from './envelope.ts';

export const DISPATCHER_CONSUMER = 'event-dispatcher';

export interface SyncTrigger {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly stream?: string;
  readonly subscriptionId: string;
}

/** A connector action a subscription asks for (action_type `action`); high-impact ones wait for approval. */
export interface ActionTrigger {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly action: string;
  readonly input: unknown;
  readonly subscriptionId: string;
  /** The record the event is about (record.* and finding.* events). */
  readonly recordId: string | null;
}

export interface DispatcherOptions {
  /** Outbox rows read per transaction. */
  readonly batchSize?: number;
  /**
   * How long a hole in the outbox sequence is waited for (a transaction that took its seq but has not
   * committed yet) before it is treated as a rollback and skipped. Real (monotonic) time.
   */
  readonly gapGraceMs?: number;
  /** Starts the sync a `sync` subscription asks for (engine.sync.start with trigger 'event'). */
  readonly startSync?: (trigger: SyncTrigger) => Promise<void>;
  /** Invokes the connector action an `action` subscription asks for (engine.actions.invoke). */
  readonly invokeAction?: (trigger: ActionTrigger) => Promise<void>;
}

interface CompiledSubscription {
  readonly id: string;
  readonly organizationId: string;
  readonly actionType: string;
  readonly actionConfig: Record<string, unknown>;
  readonly filter: CompiledFilter;
}

/** The message id (`webhook-id`) of an event for an endpoint: deterministic, so a re-fan-out after a crash collides. */
export function messageIdOf(endpointId: string, eventId: string): string {
  return 'msg_' + createHash('sha256').update(`${endpointId}:${eventId}`).digest('hex').slice(0, 32);
}

/** A derived event's id (finding.created from record.created): a stable UUID-shaped digest. */
function derivedId(eventId: string, type: string): string {
  const h = createHash('sha256').update(`${eventId}:${type}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** record.created of an OCSF Findings class (category 2, class_uid 2000-2999) is also finding.created. */
function variantsOf(row: OutboxRow): { id: string; envelope: EventEnvelope }[] {
  const base = { id: row.id, envelope: envelopeOf(row) };
  const classUid = Number(row.data.class_uid);
  if (row.type === 'record.created' && classUid >= 2000 && classUid < 3000) {
    return [base, { id: derivedId(row.id, 'finding.created'), envelope: { ...base.envelope, type: 'finding.created' } }];
  }
  return [base];
}

/**
 * Reads the outbox in `seq` order with its own cursor and fans each event out to the subscriptions that
 * match it: a webhook message per endpoint (inserted in the same transaction that advances the cursor, so
 * a crash replays the batch and the unique (endpoint, event) key drops the duplicates: at least once, in
 * order), or a sync trigger (started after the commit).
 */
export function createDispatcher(deps: EngineDeps, options: DispatcherOptions = {}) {
  const { db } = deps.database;
  const batchSize = options.batchSize ?? 500;
  const gapGraceMs = options.gapGraceMs ?? 2000;
  let gapSeenAt: { seq: number; at: number } | null = null;

  async function ensureCursor(): Promise<void> {
    await db.insert(outboxCursors).values({ consumer: DISPATCHER_CONSUMER, lastSeq: 0, updatedAt: deps.clock.now() }).onConflictDoNothing();
  }

  /** Keeps the rows up to the first hole in the sequence, unless the hole has outlived the grace period. */
  function contiguous(rows: OutboxRow[], last: number): OutboxRow[] {
    const out: OutboxRow[] = [];
    let expected = last + 1;
    for (const row of rows) {
      if (row.seq !== expected) {
        const now = performance.now();
        if (gapSeenAt?.seq !== expected) gapSeenAt = { seq: expected, at: now };
        if (now - gapSeenAt.at < gapGraceMs) break;
        gapSeenAt = null;
      }
      out.push(row);
      expected = row.seq + 1;
    }
    return out;
  }

  async function compileSubscriptions(tx: Db, orgs: string[]): Promise<CompiledSubscription[]> {
    if (orgs.length === 0) return [];
    const rows = await tx
      .select()
      .from(eventSubscriptions)
      .where(and(inArray(eventSubscriptions.organizationId, orgs), eq(eventSubscriptions.isActive, true)));
    const out: CompiledSubscription[] = [];
    for (const r of rows) {
      try {
        out.push({ id: r.id, organizationId: r.organizationId, actionType: r.actionType, actionConfig: r.actionConfig, filter: compileFilter(r.eventType, r.instanceId, r.filterCriteria) });
      } catch (error) {
        deps.log.warn({ subscriptionId: r.id, err: error }, 'subscription filter no longer compiles; skipped');
      }
    }
    return out;
  }

  /** One batch; returns how many outbox rows it consumed. */
  async function runOnce(): Promise<number> {
    await ensureCursor();
    const triggers: SyncTrigger[] = [];
    const actions: ActionTrigger[] = [];
    const consumed = await db.transaction(async (tx) => {
      const [cursor] = await tx.select().from(outboxCursors).where(eq(outboxCursors.consumer, DISPATCHER_CONSUMER)).for('update');
      const last = cursor!.lastSeq;
      const fetched = await tx.select().from(outbox).where(gt(outbox.seq, last)).orderBy(asc(outbox.seq)).limit(batchSize);
      const rows = contiguous(fetched, last);
      if (rows.length === 0) return 0;
      const orgs = [...new Set(rows.map((r) => r.organizationId))];
      const subs = await compileSubscriptions(tx, orgs);
      const endpointIds = [...new Set(subs.filter((s) => s.actionType === 'webhook').map((s) => String(s.actionConfig.endpoint_id)))];
      const active = endpointIds.length ? new Set((await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(inArray(webhookEndpoints.id, endpointIds), eq(webhookEndpoints.isActive, true)))).map((e) => e.id)) : new Set<string>();
      const messages: (typeof webhookMessages.$inferInsert)[] = [];
      const now = deps.clock.now();
      for (const row of rows) {
        for (const { id, envelope } of variantsOf(row)) {
          for (const sub of subs) {
            if (sub.organizationId !== row.organizationId) continue;
            if (!(await sub.filter.matches(envelope, row.instanceId))) continue;
            if (sub.actionType === 'webhook') {
              const endpointId = String(sub.actionConfig.endpoint_id);
              if (!active.has(endpointId)) continue;
              // A delivery event about an endpoint never goes back to that endpoint (no feedback loop).
              if (envelope.type.startsWith('delivery.') && envelope.data.endpoint_id === endpointId) continue;
              messages.push({ id: messageIdOf(endpointId, id), organizationId: row.organizationId, endpointId, subscriptionId: sub.id, eventId: id, eventType: envelope.type, payload: envelope as unknown as Record<string, unknown>, status: 'pending', nextAttemptAt: now, createdAt: now });
            } else if (sub.actionType === 'sync') {
              const instanceId = String(sub.actionConfig.instance_id);
              // A sync the subscription itself started does not trigger it again (no loop on sync.*).
              if (envelope.type.startsWith('sync.') && envelope.data.trigger === 'event' && envelope.data.instance_id === instanceId) continue;
              const stream = typeof sub.actionConfig.stream === 'string' ? sub.actionConfig.stream : undefined;
              if (!triggers.some((t) => t.instanceId === instanceId && t.stream === stream)) triggers.push({ organizationId: row.organizationId, instanceId, stream, subscriptionId: sub.id });
            } else if (sub.actionType === 'action') {
              const recordId = typeof envelope.data.record_id === 'string' ? envelope.data.record_id : null;
              actions.push({ organizationId: row.organizationId, instanceId: String(sub.actionConfig.instance_id), action: String(sub.actionConfig.action), input: sub.actionConfig.input ?? {}, subscriptionId: sub.id, recordId });
            }
          }
        }
      }
      for (let i = 0; i < messages.length; i += 500) await tx.insert(webhookMessages).values(messages.slice(i, i + 500)).onConflictDoNothing();
      await tx.update(outboxCursors).set({ lastSeq: rows.at(-1)!.seq, updatedAt: now }).where(eq(outboxCursors.consumer, DISPATCHER_CONSUMER));
      return rows.length;
    });
    for (const t of triggers) {
      try {
        await options.startSync?.(t);
      } catch (error) {
        deps.log.warn({ instanceId: t.instanceId, subscriptionId: t.subscriptionId, err: error }, 'event-triggered sync did not start');
      }
    }
    for (const a of actions) {
      try {
        await options.invokeAction?.(a);
      } catch (error) {
        deps.log.warn({ instanceId: a.instanceId, subscriptionId: a.subscriptionId, action: a.action, err: error }, 'event-triggered action did not start');
      }
    }
    return consumed;
  }

  return {
    runOnce,
    /** Dispatches until the outbox is drained (tests, shutdown). */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await runOnce();
        total += n;
        if (n === 0) return total;
      }
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
