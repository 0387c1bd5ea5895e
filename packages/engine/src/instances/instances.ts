import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { connectors, integrationInstances, type Db, type InstanceStatus } from '@patchbay/store';
import { PatchbayError, adminRoles } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { visibleTo } from '../catalog/connectors.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../lib/db-errors.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { nextStatus } from './instance-status.ts';
import { logOperation } from '../logs/log-operation.ts';

export type InstanceRow = typeof integrationInstances.$inferSelect;

export interface InstanceInput {
  readonly name: string;
  readonly connectorId: string;
  readonly configuration?: Record<string, unknown>;
  readonly connectionUrl?: string | null;
  readonly authConfigId?: string | null;
  readonly allowPrivateNetwork?: boolean;
}

export interface InstanceFilter extends PageRequest {
  readonly status?: InstanceStatus;
  readonly connectorId?: string;
}

/** Checks a configuration against the connector's declared schema; returns the parsed value. */
export type ConfigValidator = (connectorId: string, configuration: Record<string, unknown>) => Record<string, unknown>;

/** The fields an audit digest covers: everything but timestamps. */
function snapshot(row: InstanceRow) {
  const { createdAt: _c, updatedAt: _u, lastConnected: _l, ...rest } = row;
  return rest;
}

function assertPrivateNetworkAllowed(actor: Actor, value: boolean | undefined): void {
  if (value && !adminRoles.includes(actor.role)) {
    throw new PatchbayError('FORBIDDEN', {
      field: 'allow_private_network',
      message: 'Only administrators may allow an instance to reach private, loopback or link-local addresses',
      hint: 'Ask an admin to set allow_private_network on this instance.',
    });
  }
}

export function createInstanceService(deps: EngineDeps, validateConfig: ConfigValidator = (_id, c) => c) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<InstanceRow> {
    const query = tx.select().from(integrationInstances).where(and(eq(integrationInstances.id, id), eq(integrationInstances.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No instance ${id}` });
    return row;
  }

  /** Maps constraint violations to the caller's mistake: a taken name, or an auth config that is not theirs. */
  function constraintError<T>(name: string) {
    return (error: unknown): T => {
      if (isUniqueViolation(error)) throw new PatchbayError('ALREADY_EXISTS', { field: 'name', message: `An instance named ${name} already exists` });
      if (isForeignKeyViolation(error)) {
        throw new PatchbayError('AUTH_CONFIG_NOT_FOUND', { field: 'body.auth_config_id', message: 'No authentication config with this id in your organisation', hint: 'List configs with GET /api/integration/auth-configs.' });
      }
      throw error;
    };
  }

  async function transition(actor: Actor, id: string, action: 'activate' | 'deactivate'): Promise<InstanceRow> {
    return db.transaction(async (tx) => {
      const before = await load(tx, actor, id, true);
      const status = nextStatus(before.status, action);
      const [row] = await tx
        .update(integrationInstances)
        .set({ status, errorMessage: action === 'activate' ? null : before.errorMessage, updatedAt: deps.clock.now() })
        .where(eq(integrationInstances.id, id))
        .returning();
      await appendAudit(tx, deps.clock, actor, { action: `instance.${action}d`, targetType: 'instance', targetId: id, before: snapshot(before), after: snapshot(row!), details: { from: before.status, to: status } });
      await logOperation(tx, { organizationId: row!.organizationId, instanceId: id, level: 'info', operation: `instance.${action}`, message: `Instance ${action}d (${before.status} → ${status})`, details: { from: before.status, to: status }, userId: actor.userId, occurredAt: deps.clock.now() });
      return row!;
    });
  }

  return {
    async create(actor: Actor, input: InstanceInput): Promise<InstanceRow> {
      assertPrivateNetworkAllowed(actor, input.allowPrivateNetwork);
      return db
        .transaction(async (tx) => {
          const [connector] = await tx.select().from(connectors).where(and(eq(connectors.id, input.connectorId), visibleTo(actor)));
          if (!connector) throw new PatchbayError('CONNECTOR_NOT_FOUND', { field: 'connector_id', message: `No connector with id ${input.connectorId}` });
          const configuration = validateConfig(connector.id, input.configuration ?? {});
          const now = deps.clock.now();
          const [row] = await tx
            .insert(integrationInstances)
            .values({
              organizationId: actor.organizationId,
              connectorId: connector.id,
              name: input.name,
              configuration,
              connectionUrl: input.connectionUrl ?? null,
              authConfigId: input.authConfigId ?? null,
              allowPrivateNetwork: input.allowPrivateNetwork ?? false,
              connectorVersion: connector.version,
              createdBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          await appendAudit(tx, deps.clock, actor, { action: 'instance.created', targetType: 'instance', targetId: row!.id, after: snapshot(row!) });
          return row!;
        })
        .catch(constraintError<InstanceRow>(input.name));
    },

    async list(actor: Actor, filter: InstanceFilter): Promise<Page<InstanceRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(integrationInstances.organizationId, actor.organizationId)];
      if (filter.status) where.push(eq(integrationInstances.status, filter.status));
      if (filter.connectorId) where.push(eq(integrationInstances.connectorId, filter.connectorId));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(integrationInstances.createdAt, t), and(eq(integrationInstances.createdAt, t), lt(integrationInstances.id, String(id))))!);
      }
      const rows = await db.select().from(integrationInstances).where(and(...where)).orderBy(desc(integrationInstances.createdAt), desc(integrationInstances.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: Partial<Omit<InstanceInput, 'connectorId'>>): Promise<InstanceRow> {
      assertPrivateNetworkAllowed(actor, patch.allowPrivateNetwork);
      return db
        .transaction(async (tx) => {
          const before = await load(tx, actor, id, true);
          const configuration = patch.configuration ? validateConfig(before.connectorId, patch.configuration) : undefined;
          const [row] = await tx
            .update(integrationInstances)
            .set({
              name: patch.name,
              configuration,
              connectionUrl: patch.connectionUrl,
              authConfigId: patch.authConfigId,
              allowPrivateNetwork: patch.allowPrivateNetwork,
              updatedAt: deps.clock.now(),
            })
            .where(eq(integrationInstances.id, id))
            .returning();
          const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
          await appendAudit(tx, deps.clock, actor, { action: 'instance.updated', targetType: 'instance', targetId: id, before: snapshot(before), after: snapshot(row!), details: { changed } });
          return row!;
        })
        .catch(constraintError<InstanceRow>(patch.name ?? ''));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id, true);
        await tx.delete(integrationInstances).where(eq(integrationInstances.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'instance.deleted', targetType: 'instance', targetId: id, before: snapshot(before) });
      });
    },

    activate: (actor: Actor, id: string) => transition(actor, id, 'activate'),
    deactivate: (actor: Actor, id: string) => transition(actor, id, 'deactivate'),
  };
}

export type InstanceService = ReturnType<typeof createInstanceService>;
