import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { Agent, request } from 'undici';
import { deliveryAttempts, outbox, webhookEndpoints, webhookMessages } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { endpointGuard, type EndpointRow, type EndpointService } from './endpoints.ts';
import { standardHeaders } from './signing.ts';

type MessageRow = typeof webhookMessages.$inferSelect;

/** Delays before attempts 2..8 (the first is immediate): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_SCHEDULE_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

export interface DeliveryOptions {
  /** Messages claimed per round. */
  readonly batchSize?: number;
  /** Endpoints delivered to in parallel; each endpoint's messages go one after another, in order. */
  readonly concurrency?: number;
  /** In-flight messages per endpoint (1 keeps strict order; more trades order for throughput). */
  readonly perEndpoint?: number;
  /** A claimed message is due again after this if its worker died (SIGKILL mid-delivery). */
  readonly leaseMs?: number;
  readonly timeoutMs?: number;
  /** Consecutive failures that open an endpoint's circuit, and for how long. */
  readonly breakerThreshold?: number;
  readonly breakerCooldownMs?: number;
  readonly retrySchedule?: readonly number[];
}

const SNIPPET = 1024;

export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly snippet: string | null;
  readonly retryAfterMs: number | null;
}

function retryAfterOf(value: string | string[] | undefined, nowMs: number): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  const seconds = Number(v.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
}

/**
 * The outgoing webhook worker: claims due messages (lease, SKIP LOCKED), signs each per Standard Webhooks,
 * POSTs it, logs the attempt, and schedules the retry, the dead letter or the success in one transaction.
 */
export function createDeliveryWorker(deps: EngineDeps, endpoints: EndpointService, options: DeliveryOptions = {}) {
  const { db } = deps.database;
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 16;
  const perEndpoint = options.perEndpoint ?? 1;
  const leaseMs = options.leaseMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const threshold = options.breakerThreshold ?? 5;
  const cooldownMs = options.breakerCooldownMs ?? 60_000;
  const schedule = options.retrySchedule ?? RETRY_SCHEDULE_MS;
  const maxAttempts = schedule.length + 1;
  // Made on first use and dropped by close(), so the loops can stop and start again (and stop twice).
  let agent: Agent | null = null;
  const agentOf = (): Agent => (agent ??= new Agent({ keepAliveTimeout: 10_000, connections: 256 }));

  async function claim(): Promise<MessageRow[]> {
    const now = deps.clock.now();
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ seq: webhookMessages.seq })
        .from(webhookMessages)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookMessages.endpointId))
        .where(
          and(
            or(
              and(inArray(webhookMessages.status, ['pending', 'retrying']), lte(webhookMessages.nextAttemptAt, now)),
              and(eq(webhookMessages.status, 'delivering'), lte(webhookMessages.leaseUntil, now)),
            ),
            eq(webhookEndpoints.isActive, true),
            or(isNull(webhookEndpoints.circuitOpenUntil), lte(webhookEndpoints.circuitOpenUntil, now)),
          ),
        )
        .orderBy(asc(webhookMessages.seq))
        .limit(batchSize)
        .for('update', { of: webhookMessages, skipLocked: true });
      if (due.length === 0) return [];
      const claimed = await tx
        .update(webhookMessages)
        .set({ status: 'delivering', leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(inArray(webhookMessages.seq, due.map((d) => d.seq)))
        .returning();
      // UPDATE ... RETURNING answers in the heap's order, not seq order (a replayed or retried row was
      // rewritten elsewhere in the table): each endpoint's messages go out in seq order.
      return claimed.sort((a, b) => a.seq - b.seq);
    });
  }

  async function post(endpoint: EndpointRow, message: MessageRow, secrets: Promise<string[]>): Promise<AttemptOutcome> {
    const started = performance.now();
    const nowMs = deps.clock.now().getTime();
    try {
      const { url, guard } = endpointGuard(endpoint);
      guard.check(url);
      await guard.checkResolved(url.hostname);
      const body = JSON.stringify(message.payload);
      const headers = { 'content-type': 'application/json', 'user-agent': 'Patchbay-Webhooks/1', ...standardHeaders(await secrets, message.id, Math.floor(nowMs / 1000), body) };
      const res = await request(url, { method: 'POST', body, headers, dispatcher: agentOf(), headersTimeout: timeoutMs, bodyTimeout: timeoutMs, maxRedirections: 0 } as Parameters<typeof request>[1]);
      let snippet = '';
      for await (const chunk of res.body) {
        if (snippet.length < SNIPPET) snippet += (chunk as Buffer).toString('utf8');
      }
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      return { statusCode: res.statusCode, latencyMs: Math.round(performance.now() - started), error: ok ? null : `HTTP ${res.statusCode}`, snippet: snippet.slice(0, SNIPPET) || null, retryAfterMs: ok ? null : retryAfterOf(res.headers['retry-after'], nowMs) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { statusCode: null, latencyMs: Math.round(performance.now() - started), error: message.slice(0, 500), snippet: null, retryAfterMs: null };
    }
  }

  /** Records the attempt and moves the message on, in one transaction. Returns whether the circuit opened. */
  async function settle(endpoint: EndpointRow, message: MessageRow, outcome: AttemptOutcome): Promise<boolean> {
    const now = deps.clock.now();
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const attempt = message.attempts + 1;
    return db.transaction(async (tx) => {
      await tx.insert(deliveryAttempts).values({ organizationId: message.organizationId, messageId: message.id, endpointId: endpoint.id, attempt, statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, error: outcome.error, responseSnippet: outcome.snippet, attemptedAt: now });
      // Only the holder of the lease settles (a worker whose lease expired and was re-claimed loses).
      const mine = and(eq(webhookMessages.seq, message.seq), eq(webhookMessages.status, 'delivering'), eq(webhookMessages.attempts, message.attempts));
      if (ok) {
        await tx.update(webhookMessages).set({ status: 'delivered', attempts: attempt, deliveredAt: now, leaseUntil: null, lastStatusCode: outcome.statusCode, lastError: null }).where(mine);
        await tx.update(webhookEndpoints).set({ consecutiveFailures: 0, circuitOpenUntil: null }).where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.consecutiveFailures} > 0`));
        return false;
      }
      const data = { message_id: message.id, endpoint_id: endpoint.id, event_type: message.eventType, status_code: outcome.statusCode, error: outcome.error };
      if (attempt >= maxAttempts) {
        await tx.update(webhookMessages).set({ status: 'dead_lettered', attempts: attempt, deadLetteredAt: now, leaseUntil: null, nextAttemptAt: null, lastStatusCode: outcome.statusCode, lastError: outcome.error }).where(mine);
        await tx.insert(outbox).values({ organizationId: message.organizationId, instanceId: null, type: 'delivery.dead_lettered', occurredAt: now, data: { ...data, attempts: attempt } });
      } else {
        const delay = Math.max(schedule[attempt - 1]!, Math.min(outcome.retryAfterMs ?? 0, 24 * 3600_000));
        const next = new Date(now.getTime() + delay);
        await tx.update(webhookMessages).set({ status: 'retrying', attempts: attempt, nextAttemptAt: next, leaseUntil: null, lastStatusCode: outcome.statusCode, lastError: outcome.error }).where(mine);
        await tx.insert(outbox).values({ organizationId: message.organizationId, instanceId: null, type: 'delivery.failed', occurredAt: now, data: { ...data, attempt, next_attempt_at: next.toISOString() } });
      }
      const [ep] = await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning({ failures: webhookEndpoints.consecutiveFailures });
      if ((ep?.failures ?? 0) >= threshold) {
        await tx.update(webhookEndpoints).set({ circuitOpenUntil: new Date(now.getTime() + cooldownMs) }).where(eq(webhookEndpoints.id, endpoint.id));
        return true;
      }
      return false;
    });
  }

  /** Gives claimed messages back untouched (the circuit opened before their turn). */
  async function release(messages: MessageRow[]): Promise<void> {
    if (messages.length === 0) return;
    await db
      .update(webhookMessages)
      .set({ status: sql`case when ${webhookMessages.attempts} = 0 then 'pending' else 'retrying' end`, leaseUntil: null, nextAttemptAt: sql`coalesce(${webhookMessages.nextAttemptAt}, ${deps.clock.now().toISOString()}::timestamptz)` })
      .where(and(inArray(webhookMessages.seq, messages.map((m) => m.seq)), eq(webhookMessages.status, 'delivering')));
  }

  async function deliverEndpoint(endpoint: EndpointRow, messages: MessageRow[]): Promise<number> {
    let done = 0;
    // The endpoint's secrets are opened once per round, not per message.
    const secrets = endpoints.signingSecrets(db, endpoint, deps.clock.now());
    secrets.catch(() => undefined);
    for (let i = 0; i < messages.length; i += perEndpoint) {
      const slice = messages.slice(i, i + perEndpoint);
      const outcomes = await Promise.all(slice.map((m) => post(endpoint, m, secrets)));
      let opened = false;
      for (const [j, m] of slice.entries()) opened = (await settle(endpoint, m, outcomes[j]!)) || opened;
      done += slice.length;
      if (opened) {
        await release(messages.slice(i + perEndpoint));
        break;
      }
    }
    return done;
  }

  /** One round: claim, deliver (endpoints in parallel, each in order), settle. Returns attempts made. */
  async function runOnce(): Promise<number> {
    const claimed = await claim();
    if (claimed.length === 0) return 0;
    const ids = [...new Set(claimed.map((m) => m.endpointId))];
    const rows = await db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const groups = ids.map((id) => ({ endpoint: byId.get(id)!, messages: claimed.filter((m) => m.endpointId === id) }));
    let attempts = 0;
    for (let i = 0; i < groups.length; i += concurrency) {
      const counts = await Promise.all(groups.slice(i, i + concurrency).map((g) => deliverEndpoint(g.endpoint, g.messages)));
      attempts += counts.reduce((a, b) => a + b, 0);
    }
    return attempts;
  }

  return {
    runOnce,
    /** Delivers until nothing is due now (tests; the clock decides what is due). */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await runOnce();
        total += n;
        if (n === 0) return total;
      }
    },
    async close(): Promise<void> {
      const closing = agent;
      agent = null;
      await closing?.close();
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
