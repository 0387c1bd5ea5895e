import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { webhookSecretSource, type AnyConnector } from '@patchbay/sdk';
import { connectors, inboundWebhookKeys, inboundWebhooks, integrationInstances } from '@patchbay/store';
import { PatchbayError, Secret } from '@patchbay/types';
import { appendAudit } from '../../audit/append-audit.ts';
import type { Actor } from '../../lib/actor.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../../runtime/connector-registry.ts';
import type { SecretBox } from '../secret-box.ts';
import { generateSecret } from '../signing.ts';
import { createGroupCommit } from './group-commit.ts';
import { createKeyCache } from './key-cache.ts';
import { parseBody } from './parse-body.ts';
import { storableBody } from './storable-body.ts';
import { handlerOf, parsedConfig, pendingInbound, processInbound, requestOf } from './process.ts';
import { compileAllowList, verifyInbound, type InboundVerification } from './verify.ts';

export { parseBody } from './parse-body.ts';

export type InboundKeyRow = typeof inboundWebhookKeys.$inferSelect;
export type InboundRow = typeof inboundWebhooks.$inferSelect;

/** What `rotate` and `provision` return: the key, its full URL and the secret, shown this once. */
export interface InboundCredentials {
  readonly key: string;
  readonly url: string | null;
  readonly secret: Secret | null;
  readonly verification: InboundVerification;
  readonly ipAllowList: string[];
  /** `vendor`: the vendor issues the signing secret (Slack); set it with a rotation that passes `secret`. */
  readonly secretSource: 'generated' | 'vendor' | null;
}

/** The answer to the sender: the handler's (Slack's URL verification echoes a challenge), else 202 with the stored id. */
export interface InboundAnswer {
  readonly id: string;
  readonly instanceId: string;
  readonly response: { readonly status: number; readonly body?: unknown } | null;
}

export interface InboundOptions {
  /** PATCHBAY_PUBLIC_URL: the webhook URL shown on creation and rotation is `<publicUrl>/api/integration/webhook/<key>`. */
  readonly publicUrl?: string;
  /** Calls stored per group-commit statement at most (default 64). */
  readonly maxBatch?: number;
  /** Group-commit statements in flight at once (default 2). */
  readonly maxInFlight?: number;
}

export interface RotateInput {
  readonly verification?: InboundVerification;
  readonly ipAllowList?: readonly string[];
  readonly toleranceSeconds?: number;
  /** The vendor's secret, for schemes where the vendor generates it (Slack); otherwise Patchbay generates one. */
  readonly secret?: string;
  /** Keep the URL key (only the secret changes): for setting a vendor-issued secret after the URL was given to the vendor. */
  readonly keepKey?: boolean;
  /** Store no secret yet (the vendor issues it later); requests fail verification until one is set. */
  readonly withoutSecret?: boolean;
}

export interface InboundRequest {
  readonly key: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
  readonly sourceIp: string;
  readonly query?: Readonly<Record<string, string>>;
}

const aad = (instanceId: string) => `inbound_webhook:${instanceId}:secret`;
/**
 * Headers never stored with a call: credentials, signatures (useless once verified), hop-by-hop and
 * proxy headers. The rest are kept, so a handler can read the vendor's (an event type in X-Event-Type).
 */
const DROPPED_HEADERS = /^(authorization|proxy-authorization|cookie|host|connection|keep-alive|content-length|transfer-encoding|upgrade|te|trailer|expect|x-forwarded-.*|forwarded|x-real-ip|x-hub-signature(-256)?|webhook-signature|x-slack-signature)$/;

/** The header a scheme reads its secret or signature from, also never stored (a bearer token in X-Api-Token). */
function secretHeader(v: InboundVerification): string | null {
  if (v.kind === 'bearer') return (v.header ?? 'authorization').toLowerCase();
  if (v.kind === 'hmac-sha256') return v.header.toLowerCase();
  return null;
}

/** How long a process trusts its cached copy of a key's settings and secret (a rotation elsewhere shows within this). */
const CACHE_MS = 5_000;

/** A key's settings, its opened secret and its connector: looked up once, then cached for CACHE_MS (`key-cache.ts`). */
interface Resolved {
  readonly row: InboundKeyRow;
  readonly verification: InboundVerification;
  readonly secret: string | null;
  readonly connector: AnyConnector | undefined;
  /** The instance's configuration parsed with the connector's schema (what the handler receives). */
  readonly config: unknown;
  readonly allow: ((ip: string) => boolean) | null;
  /** The header the scheme reads its secret or signature from: never stored. */
  readonly hidden: string | null;
}

/** The headers stored with a call: the sender's, minus DROPPED_HEADERS and the scheme's own header. */
function storedHeaders(given: InboundRequest['headers'], hidden: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const k in given) {
    const v = given[k];
    const name = k.toLowerCase();
    if (v !== undefined && name !== hidden && !DROPPED_HEADERS.test(name)) headers[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  return headers;
}

/**
 * Inbound webhooks: per-instance keys and secrets, verification, durable storage with group commit (the
 * 2xx goes out only after the row is committed), and processing through the synced-page path.
 */
export function createInboundService(deps: EngineDeps, box: SecretBox, registry: ConnectorRegistry, options: InboundOptions = {}) {
  const { db } = deps.database;
  const keys = createKeyCache(load, { ttlMs: CACHE_MS, now: () => deps.clock.now().getTime() });
  const group = createGroupCommit(deps.database, { maxBatch: options.maxBatch, maxInFlight: options.maxInFlight, onCommitted: () => wake() });
  let wake: () => void = () => undefined;

  function urlOf(key: string): string | null {
    return options.publicUrl ? `${options.publicUrl.replace(/\/+$/, '')}/api/integration/webhook/${key}` : null;
  }

  function defaultVerification(connector: AnyConnector | undefined): { verification: InboundVerification; ipAllowList: string[] } {
    const w = connector?.webhook;
    return { verification: (w?.verification as InboundVerification | undefined) ?? { kind: 'standard-webhooks' }, ipAllowList: [...(w?.ipAllowList ?? [])] };
  }

  /** A key's settings, opened secret and connector, from the database (`keys` caches them). */
  async function load(key: string): Promise<Resolved | null> {
    const [row] = await db.select().from(inboundWebhookKeys).where(eq(inboundWebhookKeys.key, key));
    if (!row) return null;
    const secret = row.secretSealed && row.dataKeyId ? await box.open(db, row.dataKeyId, row.secretSealed, aad(row.instanceId)) : null;
    const [instance] = await db.select({ connectorId: integrationInstances.connectorId, configuration: integrationInstances.configuration }).from(integrationInstances).where(eq(integrationInstances.id, row.instanceId));
    const connector = instance ? registry.get(instance.connectorId) : undefined;
    const config = connector && instance ? parsedConfig(connector, instance.configuration) : undefined;
    const verification = row.verification as InboundVerification;
    return { row, verification, secret, connector, config, allow: compileAllowList(row.ipAllowList), hidden: secretHeader(verification) };
  }

  /** The handler's answer for the sender, when it gives one; a handler that throws here is left to processing to record. */
  async function answerOf(resolved: Resolved, row: Pick<InboundRow, 'headers' | 'body' | 'receivedAt'>, body: unknown): Promise<InboundAnswer['response']> {
    const handle = handlerOf(resolved.connector);
    if (!handle) return null;
    try {
      const response = (await handle(requestOf(row, body), resolved.config)).response;
      return response ? { status: response.status ?? 204, body: response.body } : null;
    } catch {
      return null;
    }
  }

  return {
    urlOf,

    /** Creates or replaces an instance's key and secret; returns them once (with the full URL). */
    async rotate(actor: Actor, instanceId: string, input: RotateInput = {}): Promise<InboundCredentials> {
      const [instance] = await db.select().from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
      if (!instance) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instanceId}` });
      const connector = registry.get(instance.connectorId);
      const defaults = defaultVerification(connector);
      const result = await db.transaction(async (tx) => {
        const [existing] = await tx.select().from(inboundWebhookKeys).where(eq(inboundWebhookKeys.instanceId, instanceId)).for('update');
        const key = input.keepKey && existing ? existing.key : randomBytes(24).toString('base64url');
        const verification = input.verification ?? (existing?.verification as InboundVerification | undefined) ?? defaults.verification;
        const ipAllowList = [...(input.ipAllowList ?? existing?.ipAllowList ?? defaults.ipAllowList)];
        if (verification.kind === 'none' && ipAllowList.length === 0) throw new PatchbayError('VALIDATION_FAILED', { field: 'ip_allow_list', message: 'An unverified webhook needs an IP allow-list' });
        const secret = verification.kind === 'none' || (input.withoutSecret && input.secret === undefined) ? null : (input.secret ?? (verification.kind === 'standard-webhooks' ? generateSecret() : randomBytes(32).toString('base64url')));
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
        await appendAudit(tx, deps.clock, actor, { action: existing ? 'instance.webhook_secret_rotated' : 'instance.webhook_secret_created', targetType: 'instance', targetId: instanceId, details: { verification: verification.kind, ip_allow_list: ipAllowList.length, kept_key: Boolean(input.keepKey && existing) } });
        return { key, verification, ipAllowList, secret, previousKey: existing?.key };
      });
      if (result.previousKey) keys.invalidate(result.previousKey);
      const source = connector?.webhook ? webhookSecretSource(connector.webhook) : result.verification.kind === 'none' ? null : 'generated';
      return { key: result.key, url: urlOf(result.key), secret: result.secret === null ? null : new Secret(result.secret), verification: result.verification, ipAllowList: result.ipAllowList, secretSource: source };
    },

    /**
     * At instance creation: the instance of a connector that declares a webhook (or the `webhook`
     * capability) gets its URL key and secret (none yet when the vendor issues it). Null for other
     * connectors, or when the instance already has a key.
     */
    async provision(actor: Actor, instanceId: string): Promise<InboundCredentials | null> {
      const [instance] = await db.select({ connectorId: integrationInstances.connectorId }).from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
      if (!instance) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instanceId}` });
      const connector = registry.get(instance.connectorId);
      let receives = connector?.webhook !== undefined;
      if (!receives) {
        const [entry] = await db.select({ capabilities: connectors.capabilities }).from(connectors).where(eq(connectors.id, instance.connectorId));
        receives = entry?.capabilities.includes('webhook') ?? false;
      }
      if (!receives) return null;
      const [existing] = await db.select({ key: inboundWebhookKeys.key }).from(inboundWebhookKeys).where(eq(inboundWebhookKeys.instanceId, instanceId));
      if (existing) return null;
      return this.rotate(actor, instanceId, { withoutSecret: connector?.webhook ? webhookSecretSource(connector.webhook) === 'vendor' : false });
    },

    /** Settings without the secret (GET). */
    async settings(actor: Actor, instanceId: string): Promise<InboundKeyRow> {
      const [row] = await db.select().from(inboundWebhookKeys).where(and(eq(inboundWebhookKeys.instanceId, instanceId), eq(inboundWebhookKeys.organizationId, actor.organizationId)));
      if (!row) throw new PatchbayError('WEBHOOK_NOT_CONFIGURED', { message: `Instance ${instanceId} has no inbound webhook secret yet` });
      return row;
    },

    /**
     * Verifies, parses (once) and durably stores one call, then asks the connector's handler what to
     * answer (it is pure: the records it makes are written later, by processing). Throws coded errors.
     */
    async receive(req: InboundRequest): Promise<InboundAnswer> {
      const resolved = await keys.get(req.key);
      if (!resolved) throw new PatchbayError('WEBHOOK_KEY_UNKNOWN', { message: 'No instance receives webhooks at this URL' });
      const { row } = resolved;
      if (resolved.allow && !resolved.allow(req.sourceIp)) throw new PatchbayError('WEBHOOK_IP_NOT_ALLOWED', { message: `Address ${req.sourceIp} is not in the allow-list` });
      const now = deps.clock.now();
      const verified = verifyInbound(resolved.verification, resolved.secret, { headers: req.headers, rawBody: req.rawBody, nowMs: now.getTime(), toleranceSeconds: row.toleranceSeconds });
      const headers = storedHeaders(req.headers, resolved.hidden);
      // Decoded once: parsed here, handed to the handler, and stored (as the raw bytes when they are plain UTF-8).
      const text = req.rawBody.toString('utf8');
      const stored = storableBody(req.rawBody, text);
      let malformed: string | null = null;
      let body: unknown;
      try {
        body = parseBody(headers['content-type'], text);
      } catch (error) {
        malformed = error instanceof Error ? error.message : String(error);
      }
      const id = randomUUID();
      const inserted = await group.store({ id, organizationId: row.organizationId, instanceId: row.instanceId, messageId: verified.messageId, headers, body: stored, status: malformed ? 'malformed' : 'received', error: malformed, sourceIp: req.sourceIp, receivedAt: now });
      if (!inserted) throw new PatchbayError('WEBHOOK_REPLAYED', { message: `Message ${verified.messageId} was already received` });
      if (malformed) throw new PatchbayError('WEBHOOK_BODY_MALFORMED', { message: `The body is not valid JSON: ${malformed}`, details: { inbound_id: id } });
      return { id, instanceId: row.instanceId, response: await answerOf(resolved, { headers, body: typeof stored === 'string' ? stored : text, receivedAt: now }, body) };
    },

    /** Stored calls of an instance, newest first (inspection of malformed or failed ones). */
    async list(actor: Actor, instanceId: string, limit = 50): Promise<InboundRow[]> {
      return db.select().from(inboundWebhooks).where(and(eq(inboundWebhooks.instanceId, instanceId), eq(inboundWebhooks.organizationId, actor.organizationId))).orderBy(asc(inboundWebhooks.receivedAt)).limit(limit);
    },

    /**
     * Processes stored calls (map, upsert, events: the synced-page path), each in a transaction holding
     * its row lock, so several processes may run this at once. Returns how many this process took.
     */
    async processOnce(batch = 100): Promise<number> {
      let taken = 0;
      for (const id of await pendingInbound(deps, batch)) if (await processInbound(deps, registry, id)) taken++;
      return taken;
    },

    /** Called after each group commit (the worker loop wakes up). */
    onStored(fn: () => void) {
      wake = fn;
    },

    /** Waits for queued stores to commit (shutdown). */
    flushed: (): Promise<void> => group.flushed(),
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
