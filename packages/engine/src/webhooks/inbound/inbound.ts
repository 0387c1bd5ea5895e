import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { AnyConnector, WebhookRequest } from '@patchbay/sdk';
import { inboundWebhookKeys, inboundWebhooks, integrationInstances, outbox, streamStates, syncExecutions } from '@patchbay/store';
import { PatchbayError, Secret } from '@patchbay/types';
import { appendAudit } from '../../audit/append-audit.ts';
import type { Actor } from '../../lib/actor.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../../runtime/connector-registry.ts';
import { normalizePage } from '../../sync/normalize-page.ts';
import { writePage } from '../../sync/write-page.ts';
import type { SecretBox } from '../secret-box.ts';
import { generateSecret } from '../signing.ts';
import { compileAllowList, verifyInbound, type InboundVerification } from './verify.ts';

export type InboundKeyRow = typeof inboundWebhookKeys.$inferSelect;
export type InboundRow = typeof inboundWebhooks.$inferSelect;

export interface InboundOptions {
  /** PATCHBAY_PUBLIC_URL: the webhook URL shown on creation and rotation is `<publicUrl>/api/integration/webhook/<key>`. */
  readonly publicUrl?: string;
  /** Requests stored per group-commit transaction. */
  readonly maxBatch?: number;
}

export interface RotateInput {
  readonly verification?: InboundVerification;
  readonly ipAllowList?: readonly string[];
  readonly toleranceSeconds?: number;
  /** The vendor's secret, for schemes where the vendor generates it (Slack); otherwise Patchbay generates one. */
  readonly secret?: string;
}

export interface InboundRequest {
  readonly key: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
  readonly sourceIp: string;
  readonly query?: Readonly<Record<string, string>>;
}

const aad = (instanceId: string) => `inbound_webhook:${instanceId}:secret`;
const KEPT_HEADERS = /^(content-type|user-agent|x-github-event|x-github-delivery|x-github-hook-id|webhook-id|webhook-timestamp|x-slack-request-timestamp|x-request-id|x-event-type)$/i;
const CACHE_MS = 5_000;

interface Resolved {
  readonly row: InboundKeyRow;
  readonly secret: string | null;
  readonly allow: ((ip: string) => boolean) | null;
  readonly at: number;
}

interface Pending {
  readonly row: typeof inboundWebhooks.$inferInsert;
  resolve(inserted: boolean): void;
  reject(error: unknown): void;
}

/** Parses JSON or form bodies; anything else stays text. Throws on a body that claims JSON but is not. */
export function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  const text = raw.toString('utf8');
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(text));
    // GitHub's form deliveries carry the JSON in `payload`.
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  if (type.includes('json') || type === '' || /^\s*[[{]/.test(text)) return JSON.parse(text);
  return text;
}

/**
 * Inbound webhooks: per-instance keys and secrets, verification, durable storage with group commit (the
 * 2xx goes out only after the row is committed), and processing through the synced-page path.
 */
export function createInboundService(deps: EngineDeps, box: SecretBox, registry: ConnectorRegistry, options: InboundOptions = {}) {
  const { db } = deps.database;
  const cache = new Map<string, Resolved>();
  const maxBatch = options.maxBatch ?? 256;
  let queue: Pending[] = [];
  let flushing: Promise<void> | null = null;
  let wake: () => void = () => undefined;

  function urlOf(key: string): string | null {
    return options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/api/integration/webhook/${key}` : null;
  }

  function defaultVerification(connector: AnyConnector | undefined): { verification: InboundVerification; ipAllowList: string[] } {
    const w = connector?.webhook;
    return { verification: (w?.verification as InboundVerification | undefined) ?? { kind: 'standard-webhooks' }, ipAllowList: [...(w?.ipAllowList ?? [])] };
  }

  async function resolve(key: string): Promise<Resolved | null> {
    const hit = cache.get(key);
    if (hit && performance.now() - hit.at < CACHE_MS) return hit;
    const [row] = await db.select().from(inboundWebhookKeys).where(eq(inboundWebhookKeys.key, key));
    if (!row) {
      cache.delete(key);
      return null;
    }
    const secret = row.secretSealed && row.dataKeyId ? await box.open(db, row.dataKeyId, row.secretSealed, aad(row.instanceId)) : null;
    const resolved = { row, secret, allow: compileAllowList(row.ipAllowList), at: performance.now() };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, resolved);
    return resolved;
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const inserted = await db.transaction(async (tx) => {
          const rows = await tx.insert(inboundWebhooks).values(batch.map((p) => p.row)).onConflictDoNothing().returning({ id: inboundWebhooks.id });
          const ids = new Set(rows.map((r) => r.id));
          const stored = batch.filter((p) => ids.has(p.row.id!) && p.row.status === 'received');
          if (stored.length) {
            await tx.insert(outbox).values(
              stored.map((p) => ({ organizationId: p.row.organizationId, instanceId: p.row.instanceId, type: 'webhook.received', occurredAt: p.row.receivedAt, data: { instance_id: p.row.instanceId, inbound_id: p.row.id!, message_id: p.row.messageId ?? null } })),
            );
          }
          return ids;
        });
        for (const p of batch) p.resolve(inserted.has(p.row.id!));
        wake();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }

  function schedule(): void {
    if (flushing) return;
    flushing = new Promise<void>((r) => setImmediate(r))
      .then(flush)
      .finally(() => {
        flushing = null;
        if (queue.length) schedule();
      });
  }

  /** Queues a row for the next group commit and resolves once it is durable (false: a replayed message id). */
  function store(row: typeof inboundWebhooks.$inferInsert): Promise<boolean> {
    return new Promise<boolean>((resolveStored, reject) => {
      queue.push({ row, resolve: resolveStored, reject });
      schedule();
    });
  }

  async function processRow(row: InboundRow): Promise<void> {
    const now = deps.clock.now();
    const [instance] = await db.select().from(integrationInstances).where(eq(integrationInstances.id, row.instanceId));
    const connector = instance ? registry.get(instance.connectorId) : undefined;
    const handle = connector?.webhook?.handle;
    try {
      if (!instance || !connector || !handle) {
        // Stored for the instance; nothing (yet) maps it. Kept as processed so it is not picked again.
        await db.update(inboundWebhooks).set({ status: 'processed', processedAt: now }).where(eq(inboundWebhooks.id, row.id));
        return;
      }
      const request: WebhookRequest = { method: 'POST', headers: row.headers, query: {}, body: parseBody(row.headers['content-type'], Buffer.from(row.body)), rawBody: row.body, receivedAt: row.receivedAt };
      const result = await handle(request);
      await db.transaction(async (tx) => {
        for (const group of result.records ?? []) {
          const stream = (connector.streams ?? []).find((s) => s.name === group.stream);
          if (!stream) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `The webhook handler produced records for unknown stream ${group.stream}` });
          const [execution] = await tx.insert(syncExecutions).values({ organizationId: instance.organizationId, instanceId: instance.id, stream: stream.name, trigger: 'webhook', status: 'running', startedAt: now, createdAt: now }).returning();
          const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: instance.id, receivedAt: row.receivedAt };
          const normalized = await normalizePage([...group.records], { stream, meta });
          // The page path writes a checkpoint: hand it the stream's current one so a webhook never moves it.
          const [state] = await tx.select({ checkpoint: streamStates.checkpoint }).from(streamStates).where(and(eq(streamStates.instanceId, instance.id), eq(streamStates.stream, stream.name))).for('update');
          await writePage(tx, { organizationId: instance.organizationId, instanceId: instance.id, stream: stream.name, executionId: execution!.id, connectorVersion: connector.version, mappingVersion: null }, normalized, state?.checkpoint ?? null, now);
          await tx.update(syncExecutions).set({ status: 'completed', endedAt: now }).where(eq(syncExecutions.id, execution!.id));
        }
        const events = result.events ?? [];
        if (events.length) await tx.insert(outbox).values(events.map((e) => ({ organizationId: instance.organizationId, instanceId: instance.id, type: e.type, occurredAt: now, data: { ...e.data, instance_id: instance.id } })));
        await tx.update(inboundWebhooks).set({ status: 'processed', processedAt: now }).where(eq(inboundWebhooks.id, row.id));
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db.transaction(async (tx) => {
        await tx.update(inboundWebhooks).set({ status: 'failed', error: reason.slice(0, 1000), processedAt: now }).where(eq(inboundWebhooks.id, row.id));
        await tx.insert(outbox).values({ organizationId: row.organizationId, instanceId: row.instanceId, type: 'webhook.rejected', occurredAt: now, data: { instance_id: row.instanceId, inbound_id: row.id, reason: reason.slice(0, 300) } });
      });
    }
  }

  return {
    urlOf,

    /** Creates or replaces an instance's key and secret; returns them once (with the full URL). */
    async rotate(actor: Actor, instanceId: string, input: RotateInput = {}): Promise<{ key: string; url: string | null; secret: Secret | null; verification: InboundVerification; ipAllowList: string[] }> {
      const [instance] = await db.select().from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
      if (!instance) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instanceId}` });
      const defaults = defaultVerification(registry.get(instance.connectorId));
      const key = randomBytes(24).toString('base64url');
      const result = await db.transaction(async (tx) => {
        const [existing] = await tx.select().from(inboundWebhookKeys).where(eq(inboundWebhookKeys.instanceId, instanceId)).for('update');
        const verification = input.verification ?? (existing?.verification as InboundVerification | undefined) ?? defaults.verification;
        const ipAllowList = [...(input.ipAllowList ?? existing?.ipAllowList ?? defaults.ipAllowList)];
        if (verification.kind === 'none' && ipAllowList.length === 0) throw new PatchbayError('VALIDATION_FAILED', { field: 'ip_allow_list', message: 'An unverified webhook needs an IP allow-list' });
        const secret = verification.kind === 'none' ? null : (input.secret ?? (verification.kind === 'standard-webhooks' ? generateSecret() : randomBytes(32).toString('base64url')));
        const sealing = secret === null ? null : (existing?.dataKeyId ?? (await box.newKey(tx, actor.organizationId)));
        const now = deps.clock.now();
        const values = {
          key,
          verification: verification as Record<string, unknown>,
          ipAllowList,
          toleranceSeconds: input.toleranceSeconds ?? existing?.toleranceSeconds ?? 300,
          dataKeyId: sealing,
          secretSealed: secret === null || sealing === null ? null : await box.seal(tx, sealing, secret, aad(instanceId)),
          rotatedAt: now,
        };
        await tx.insert(inboundWebhookKeys).values({ instanceId, organizationId: actor.organizationId, createdAt: now, ...values }).onConflictDoUpdate({ target: inboundWebhookKeys.instanceId, set: values });
        await appendAudit(tx, deps.clock, actor, { action: existing ? 'instance.webhook_secret_rotated' : 'instance.webhook_secret_created', targetType: 'instance', targetId: instanceId, details: { verification: verification.kind, ip_allow_list: ipAllowList.length } });
        return { verification, ipAllowList, secret, previousKey: existing?.key };
      });
      if (result.previousKey) cache.delete(result.previousKey);
      return { key, url: urlOf(key), secret: result.secret === null ? null : new Secret(result.secret), verification: result.verification, ipAllowList: result.ipAllowList };
    },

    /** Settings without the secret (GET). */
    async settings(actor: Actor, instanceId: string): Promise<InboundKeyRow> {
      const [row] = await db.select().from(inboundWebhookKeys).where(and(eq(inboundWebhookKeys.instanceId, instanceId), eq(inboundWebhookKeys.organizationId, actor.organizationId)));
      if (!row) throw new PatchbayError('WEBHOOK_NOT_CONFIGURED', { message: `Instance ${instanceId} has no inbound webhook secret yet` });
      return row;
    },

    /** Verifies, parses and durably stores one call. Resolves to the stored row id; throws coded errors. */
    async receive(req: InboundRequest): Promise<{ id: string; instanceId: string }> {
      const resolved = await resolve(req.key);
      if (!resolved) throw new PatchbayError('WEBHOOK_KEY_UNKNOWN', { message: 'No instance receives webhooks at this URL' });
      const { row } = resolved;
      if (resolved.allow && !resolved.allow(req.sourceIp)) throw new PatchbayError('WEBHOOK_IP_NOT_ALLOWED', { message: `Address ${req.sourceIp} is not in the allow-list` });
      const now = deps.clock.now();
      const verified = verifyInbound(row.verification as InboundVerification, resolved.secret, { headers: req.headers, rawBody: req.rawBody, nowMs: now.getTime(), toleranceSeconds: row.toleranceSeconds });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (KEPT_HEADERS.test(k) && v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const contentType = headers['content-type'];
      let malformed: string | null = null;
      try {
        parseBody(contentType, req.rawBody);
      } catch (error) {
        malformed = error instanceof Error ? error.message : String(error);
      }
      const id = randomUUID();
      const stored = await store({ id, organizationId: row.organizationId, instanceId: row.instanceId, messageId: verified.messageId, headers, body: req.rawBody.toString('utf8'), status: malformed ? 'malformed' : 'received', error: malformed, sourceIp: req.sourceIp, receivedAt: now });
      if (!stored) throw new PatchbayError('WEBHOOK_REPLAYED', { message: `Message ${verified.messageId} was already received` });
      if (malformed) throw new PatchbayError('WEBHOOK_BODY_MALFORMED', { message: `The body is not valid JSON: ${malformed}`, details: { inbound_id: id } });
      return { id, instanceId: row.instanceId };
    },

    /** Stored calls of an instance, newest first (inspection of malformed or failed ones). */
    async list(actor: Actor, instanceId: string, limit = 50): Promise<InboundRow[]> {
      return db.select().from(inboundWebhooks).where(and(eq(inboundWebhooks.instanceId, instanceId), eq(inboundWebhooks.organizationId, actor.organizationId))).orderBy(asc(inboundWebhooks.receivedAt)).limit(limit);
    },

    /** Processes stored calls (map, upsert, events: the synced-page path). Returns how many. */
    async processOnce(batch = 100): Promise<number> {
      const rows = await db.select().from(inboundWebhooks).where(eq(inboundWebhooks.status, 'received')).orderBy(asc(inboundWebhooks.receivedAt)).limit(batch);
      for (const row of rows) await processRow(row);
      return rows.length;
    },

    /** Called after each group commit (the worker loop wakes up). */
    onStored(fn: () => void) {
      wake = fn;
    },

    /** Waits for queued stores to commit (shutdown). */
    async flushed(): Promise<void> {
      while (flushing) await flushing;
    },
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
