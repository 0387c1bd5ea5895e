import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { eventSubscriptions, integrationInstances, webhookEndpoints, type Db, type SubscriptionActionType } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { isValidTypePattern } from '../events/catalog.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { parseActionInput } from '../actions/parse-input.ts';
import { checkCriteria } from './filter.ts';
import { testSubscription, type SampleEvent, type SubscriptionDraft } from './test-subscription.ts';

export type SubscriptionRow = typeof eventSubscriptions.$inferSelect;

export interface SubscriptionInput {
  readonly name?: string;
  readonly instanceId?: string | null;
  readonly eventType: string;
  readonly filterCriteria?: Record<string, unknown>;
  readonly actionType: SubscriptionActionType;
  readonly actionConfig?: Record<string, unknown>;
  readonly isActive?: boolean;
}

export interface SubscriptionFilter extends PageRequest {
  readonly actionType?: SubscriptionActionType;
  readonly instanceId?: string;
}

function snapshot(row: SubscriptionRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** Checks the action's configuration against what exists in the caller's organisation. */
async function checkAction(tx: Db, actor: Actor, type: SubscriptionActionType, config: Record<string, unknown>, registry?: ConnectorRegistry): Promise<Record<string, unknown>> {
  if (type === 'webhook') {
    const endpointId = config.endpoint_id;
    if (typeof endpointId !== 'string') throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.endpoint_id', message: 'A webhook action needs the endpoint_id of an outgoing webhook endpoint' });
    const [row] = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'action_config.endpoint_id', message: `No webhook endpoint ${endpointId}` });
    return { endpoint_id: endpointId };
  }
  if (type === 'sync') {
    const instanceId = config.instance_id;
    const stream = config.stream;
    if (typeof instanceId !== 'string') throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.instance_id', message: 'A sync action needs the instance_id to sync' });
    if (stream !== undefined && typeof stream !== 'string') throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.stream', message: 'stream must be a stream name' });
    const [row] = await tx.select({ id: integrationInstances.id }).from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'action_config.instance_id', message: `No instance ${instanceId}` });
    return stream === undefined ? { instance_id: instanceId } : { instance_id: instanceId, stream };
  }
  if (type === 'action') return checkActionTarget(tx, actor, config, registry);
  throw new PatchbayError('SUBSCRIPTION_ACTION_UNAVAILABLE', { field: 'action_type', message: `Unknown action type ${String(type)}` });
}

/** `{ instance_id, action, input }`: the instance is the caller's, its connector declares the action, the input parses. */
async function checkActionTarget(tx: Db, actor: Actor, config: Record<string, unknown>, registry?: ConnectorRegistry): Promise<Record<string, unknown>> {
  const { instance_id: instanceId, action, input = {} } = config;
  if (typeof instanceId !== 'string') throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.instance_id', message: 'An action subscription needs the instance_id whose connector runs the action' });
  if (typeof action !== 'string' || !action) throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.action', message: 'An action subscription needs the action name' });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new PatchbayError('VALIDATION_FAILED', { field: 'action_config.input', message: 'input must be an object' });
  const [row] = await tx.select({ id: integrationInstances.id, connectorId: integrationInstances.connectorId }).from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
  if (!row) throw new PatchbayError('NOT_FOUND', { field: 'action_config.instance_id', message: `No instance ${instanceId}` });
  const declared = registry?.get(row.connectorId)?.actions?.find((a) => a.name === action);
  if (registry && !declared) throw new PatchbayError('NOT_FOUND', { field: 'action_config.action', message: `Connector ${row.connectorId} has no action ${action}` });
  if (declared) parseActionInput(declared, input, 'action_config.input');
  return { instance_id: instanceId, action, input };
}

function checkType(eventType: string): void {
  if (!isValidTypePattern(eventType)) throw new PatchbayError('VALIDATION_FAILED', { field: 'event_type', message: `${JSON.stringify(eventType)} is not an event type or pattern`, hint: 'Use a type from GET /api/integration/events/types, a prefix such as record.*, or *.' });
}

/** EventSubscription CRUD; every change is audited in its transaction. */
export function createSubscriptionService(deps: EngineDeps, onChange: () => void = () => undefined, registry?: ConnectorRegistry) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<SubscriptionRow> {
    const q = tx.select().from(eventSubscriptions).where(and(eq(eventSubscriptions.id, id), eq(eventSubscriptions.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No event subscription ${id}` });
    return row;
  }

  async function checkInstance(tx: Db, actor: Actor, instanceId: string | null | undefined): Promise<void> {
    if (!instanceId) return;
    const [row] = await tx.select({ id: integrationInstances.id }).from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'instance_id', message: `No instance ${instanceId}` });
  }

  return {
    async create(actor: Actor, input: SubscriptionInput): Promise<SubscriptionRow> {
      checkType(input.eventType);
      const filterCriteria = checkCriteria(input.filterCriteria ?? {}) as Record<string, unknown>;
      const row = await db.transaction(async (tx) => {
        await checkInstance(tx, actor, input.instanceId);
        const actionConfig = await checkAction(tx, actor, input.actionType, input.actionConfig ?? {}, registry);
        const now = deps.clock.now();
        const [created] = await tx
          .insert(eventSubscriptions)
          .values({ organizationId: actor.organizationId, name: input.name ?? '', instanceId: input.instanceId ?? null, eventType: input.eventType, filterCriteria, actionType: input.actionType, actionConfig, isActive: input.isActive ?? true, createdBy: actor.userId, createdAt: now, updatedAt: now })
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'event_subscription.created', targetType: 'event_subscription', targetId: created!.id, after: snapshot(created!) });
        return created!;
      });
      onChange();
      return row;
    },

    async list(actor: Actor, filter: SubscriptionFilter): Promise<Page<SubscriptionRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(eventSubscriptions.organizationId, actor.organizationId)];
      if (filter.actionType) where.push(eq(eventSubscriptions.actionType, filter.actionType));
      if (filter.instanceId) where.push(eq(eventSubscriptions.instanceId, filter.instanceId));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(eventSubscriptions.createdAt, t), and(eq(eventSubscriptions.createdAt, t), lt(eventSubscriptions.id, String(id))))!);
      }
      const rows = await db.select().from(eventSubscriptions).where(and(...where)).orderBy(desc(eventSubscriptions.createdAt), desc(eventSubscriptions.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    /** Whether a (drafted) subscription would act on an event, check by check; the latest event of its type when none is given. */
    test: (actor: Actor, draft: SubscriptionDraft, sample?: SampleEvent) => testSubscription(deps, actor, draft, sample),

    async update(actor: Actor, id: string, patch: Partial<SubscriptionInput>): Promise<SubscriptionRow> {
      if (patch.eventType !== undefined) checkType(patch.eventType);
      const filterCriteria = patch.filterCriteria === undefined ? undefined : (checkCriteria(patch.filterCriteria) as Record<string, unknown>);
      const row = await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        if (patch.instanceId) await checkInstance(tx, actor, patch.instanceId);
        const actionType = patch.actionType ?? before.actionType;
        const actionConfig = patch.actionType !== undefined || patch.actionConfig !== undefined ? await checkAction(tx, actor, actionType, patch.actionConfig ?? before.actionConfig, registry) : undefined;
        const [after] = await tx
          .update(eventSubscriptions)
          .set({ name: patch.name, instanceId: patch.instanceId, eventType: patch.eventType, filterCriteria, actionType: patch.actionType, actionConfig, isActive: patch.isActive, updatedAt: deps.clock.now() })
          .where(eq(eventSubscriptions.id, id))
          .returning();
        const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
        await appendAudit(tx, deps.clock, actor, { action: 'event_subscription.updated', targetType: 'event_subscription', targetId: id, before: snapshot(before), after: snapshot(after!), details: { changed } });
        return after!;
      });
      onChange();
      return row;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await tx.delete(eventSubscriptions).where(eq(eventSubscriptions.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'event_subscription.deleted', targetType: 'event_subscription', targetId: id, before: snapshot(before) });
      });
      onChange();
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
