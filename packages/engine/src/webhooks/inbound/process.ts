import { and, asc, eq } from 'drizzle-orm';
import type { AnyConnector, WebhookRequest, WebhookResult } from '@patchbay/sdk';
import { inboundWebhooks, integrationInstances, outbox, streamStates, syncExecutions, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../../runtime/connector-registry.ts';
import { normalizePage } from '../../sync/normalize-page.ts';
import { preparePage, writePage } from '../../sync/write-page.ts';
import { parseBody } from './parse-body.ts';

export type InboundRow = typeof inboundWebhooks.$inferSelect;
type InstanceRow = typeof integrationInstances.$inferSelect;

/** `handle(request, config)`: the instance's configuration parsed with the connector's schema. */
type Handle = (request: WebhookRequest, config: unknown) => WebhookResult | Promise<WebhookResult>;

export function handlerOf(connector: AnyConnector | undefined): Handle | null {
  return (connector?.webhook?.handle as Handle | undefined) ?? null;
}

/** The instance's configuration parsed with the connector's schema (defaults applied); the stored value when it no longer parses. */
export function parsedConfig(connector: AnyConnector, configuration: Record<string, unknown>): unknown {
  const parsed = connector.config.safeParse(configuration);
  return parsed.success ? parsed.data : configuration;
}

export function requestOf(row: Pick<InboundRow, 'headers' | 'body' | 'receivedAt'>, body: unknown): WebhookRequest {
  return { method: 'POST', headers: row.headers, query: {}, body, rawBody: row.body, receivedAt: row.receivedAt };
}

/** A handler that answered the vendor with an error and produced nothing rejected the call. */
function rejection(result: WebhookResult): string | null {
  const status = result.response?.status;
  if (status === undefined || status < 400 || (result.records?.length ?? 0) > 0 || (result.events?.length ?? 0) > 0) return null;
  const body = result.response?.body as { error?: unknown } | undefined;
  return `The handler answered ${status}${typeof body?.error === 'string' ? `: ${body.error}` : ''}`;
}

async function writeResult(tx: Db, instance: InstanceRow, connector: AnyConnector, row: InboundRow, result: WebhookResult, now: Date): Promise<void> {
  for (const group of result.records ?? []) {
    const stream = (connector.streams ?? []).find((s) => s.name === group.stream);
    if (!stream) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `The webhook handler produced records for unknown stream ${group.stream}` });
    const [execution] = await tx.insert(syncExecutions).values({ organizationId: instance.organizationId, instanceId: instance.id, stream: stream.name, trigger: 'webhook', status: 'running', startedAt: now, createdAt: now }).returning();
    const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: instance.id, receivedAt: row.receivedAt };
    const normalized = preparePage(await normalizePage([...group.records], { stream, meta }));
    // The page path writes a checkpoint: hand it the stream's current one so a webhook never moves it.
    const [state] = await tx.select({ checkpoint: streamStates.checkpoint }).from(streamStates).where(and(eq(streamStates.instanceId, instance.id), eq(streamStates.stream, stream.name))).for('update');
    await writePage(tx, { organizationId: instance.organizationId, instanceId: instance.id, stream: stream.name, executionId: execution!.id, connectorVersion: connector.version, mappingVersion: null }, normalized, state?.checkpoint ?? null, now);
    await tx.update(syncExecutions).set({ status: 'completed', endedAt: now }).where(eq(syncExecutions.id, execution!.id));
  }
  const events = result.events ?? [];
  if (events.length) await tx.insert(outbox).values(events.map((e) => ({ organizationId: instance.organizationId, instanceId: instance.id, type: e.type, occurredAt: now, data: { ...e.data, instance_id: instance.id } })));
}

/** Takes a stored call for this transaction: the row lock (SKIP LOCKED) keeps every other process off it until commit. */
async function claim(tx: Db, id: string): Promise<InboundRow | undefined> {
  const [row] = await tx.select().from(inboundWebhooks).where(and(eq(inboundWebhooks.id, id), eq(inboundWebhooks.status, 'received'))).for('update', { skipLocked: true });
  return row;
}

/**
 * Processes one stored call through the synced-page path: the connector's handler (with the instance's
 * parsed configuration), normalisation, `writePage` with an execution of trigger `webhook`, its events,
 * and the row marked processed, in ONE transaction that holds the row's lock, so two processes never
 * process the same call twice. A failure marks it failed (and emits `webhook.rejected`) instead.
 * Returns false when another process had it.
 */
export async function processInbound(deps: EngineDeps, registry: ConnectorRegistry, id: string): Promise<boolean> {
  const { db } = deps.database;
  const now = deps.clock.now();
  let failure: string | null = null;
  try {
    const taken = await db.transaction(async (tx) => {
      const row = await claim(tx, id);
      if (!row) return false;
      const [instance] = await tx.select().from(integrationInstances).where(eq(integrationInstances.id, row.instanceId));
      const connector = instance ? registry.get(instance.connectorId) : undefined;
      const handle = handlerOf(connector);
      if (instance && connector && handle) {
        const result = await handle(requestOf(row, parseBody(row.headers['content-type'], row.body)), parsedConfig(connector, instance.configuration));
        const rejected = rejection(result);
        if (rejected) throw new PatchbayError('VALIDATION_FAILED', { message: rejected });
        await writeResult(tx, instance, connector, row, result, now);
      }
      // Without a handler the call stays stored for the instance; processed, so it is not picked again.
      await tx.update(inboundWebhooks).set({ status: 'processed', processedAt: now }).where(eq(inboundWebhooks.id, row.id));
      return true;
    });
    return taken;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  return db.transaction(async (tx) => {
    const row = await claim(tx, id);
    if (!row) return false;
    await tx.update(inboundWebhooks).set({ status: 'failed', error: failure.slice(0, 1000), processedAt: now }).where(eq(inboundWebhooks.id, row.id));
    await tx.insert(outbox).values({ organizationId: row.organizationId, instanceId: row.instanceId, type: 'webhook.rejected', occurredAt: now, data: { instance_id: row.instanceId, inbound_id: row.id, reason: failure.slice(0, 300) } });
    return true;
  });
}

/** Ids of stored calls waiting for processing, oldest first. */
export async function pendingInbound(deps: EngineDeps, limit: number): Promise<string[]> {
  const rows = await deps.database.db.select({ id: inboundWebhooks.id }).from(inboundWebhooks).where(eq(inboundWebhooks.status, 'received')).orderBy(asc(inboundWebhooks.receivedAt)).limit(limit);
  return rows.map((r) => r.id);
}
