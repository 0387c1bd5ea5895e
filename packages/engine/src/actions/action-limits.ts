import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import { actionLimits, actionRuns, integrationInstances, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';

export type ActionLimitRow = typeof actionLimits.$inferSelect;

export interface ActionLimitInput {
  readonly action: string;
  readonly maxRuns: number;
  readonly perSeconds: number;
}

/** Runs that count against a limit: everything asked for that was not turned down or left to expire. */
const COUNTED = ['pending_approval', 'approved', 'running', 'succeeded', 'failed', 'reversed'] as const;

/**
 * Blast-radius limits per (instance, action): at most `maxRuns` runs in any `perSeconds` window. The set
 * of an instance's limits is replaced as a whole (PUT), audited.
 */
export function createActionLimitService(deps: EngineDeps, registry: ConnectorRegistry) {
  const { db } = deps.database;

  async function instanceOf(tx: Db, actor: Actor, instanceId: string, forUpdate = false) {
    const q = tx.select().from(integrationInstances).where(and(eq(integrationInstances.id, instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instanceId}` });
    return row;
  }

  function checkInputs(connectorId: string, inputs: readonly ActionLimitInput[]): void {
    const declared = registry.get(connectorId)?.actions?.map((a) => a.name);
    const seen = new Set<string>();
    inputs.forEach((l, i) => {
      if (declared && !declared.includes(l.action)) {
        throw new PatchbayError('VALIDATION_FAILED', { field: `items.${i}.action`, message: `Connector ${connectorId} declares no action ${l.action}`, hint: `Actions: ${declared.join(', ') || 'none'}.` });
      }
      if (seen.has(l.action)) throw new PatchbayError('VALIDATION_FAILED', { field: `items.${i}.action`, message: `${l.action} is listed twice` });
      seen.add(l.action);
    });
  }

  async function listIn(tx: Db, instanceId: string): Promise<ActionLimitRow[]> {
    return tx.select().from(actionLimits).where(eq(actionLimits.instanceId, instanceId)).orderBy(asc(actionLimits.action));
  }

  /** Replaces the instance's limits in the caller's transaction (the API and configuration import). */
  async function replaceIn(tx: Db, actor: Actor, instanceId: string, inputs: readonly ActionLimitInput[]): Promise<ActionLimitRow[]> {
    const instance = await instanceOf(tx, actor, instanceId, true);
    checkInputs(instance.connectorId, inputs);
    const before = await listIn(tx, instanceId);
    await tx.delete(actionLimits).where(eq(actionLimits.instanceId, instanceId));
    const now = deps.clock.now();
    if (inputs.length) {
      await tx.insert(actionLimits).values(inputs.map((l) => ({ organizationId: actor.organizationId, instanceId, action: l.action, maxRuns: l.maxRuns, perSeconds: l.perSeconds, createdAt: now, updatedAt: now })));
    }
    const after = await listIn(tx, instanceId);
    const view = (rows: ActionLimitRow[]) => rows.map((r) => ({ action: r.action, max_runs: r.maxRuns, per_seconds: r.perSeconds }));
    await appendAudit(tx, deps.clock, actor, { action: 'instance.action_limits_updated', targetType: 'instance', targetId: instanceId, before: view(before), after: view(after), details: { limits: view(after) } });
    return after;
  }

  return {
    async list(actor: Actor, instanceId: string): Promise<ActionLimitRow[]> {
      await instanceOf(db, actor, instanceId);
      return listIn(db, instanceId);
    },
    replace: (actor: Actor, instanceId: string, inputs: readonly ActionLimitInput[]) => db.transaction((tx) => replaceIn(tx, actor, instanceId, inputs)),
    replaceIn,
    /** Limits of several instances (the configuration export). */
    async ofInstances(tx: Db, instanceIds: readonly string[]): Promise<ActionLimitRow[]> {
      if (instanceIds.length === 0) return [];
      return tx.select().from(actionLimits).where(inArray(actionLimits.instanceId, [...instanceIds])).orderBy(asc(actionLimits.action));
    },
    /**
     * Throws ACTION_LIMIT_EXCEEDED when one more run would pass the limit. Takes the limit row FOR UPDATE,
     * so concurrent requests for the same (instance, action) are counted one after the other.
     */
    async enforce(tx: Db, instanceId: string, action: string): Promise<void> {
      const [limit] = await tx.select().from(actionLimits).where(and(eq(actionLimits.instanceId, instanceId), eq(actionLimits.action, action))).for('update');
      if (!limit) return;
      const since = new Date(deps.clock.now().getTime() - limit.perSeconds * 1000);
      const window = and(eq(actionRuns.instanceId, instanceId), eq(actionRuns.action, action), gt(actionRuns.createdAt, since), inArray(actionRuns.status, [...COUNTED]), inArray(actionRuns.trigger, ['manual', 'subscription']));
      const [used] = await tx.select({ n: count() }).from(actionRuns).where(window);
      if ((used?.n ?? 0) < limit.maxRuns) return;
      const [oldest] = await tx.select({ at: actionRuns.createdAt }).from(actionRuns).where(window).orderBy(asc(actionRuns.createdAt)).limit(1);
      const retryAfterMs = oldest ? Math.max(1000, oldest.at.getTime() + limit.perSeconds * 1000 - deps.clock.now().getTime()) : limit.perSeconds * 1000;
      throw new PatchbayError('ACTION_LIMIT_EXCEEDED', {
        message: `${action} already ran ${used?.n ?? 0} times on this instance in the last ${limit.perSeconds} s (limit ${limit.maxRuns})`,
        hint: 'Wait for the window to pass, or ask an admin to raise the limit.',
        details: { action, max_runs: limit.maxRuns, per_seconds: limit.perSeconds },
        retryAfterMs,
      });
    },
  };
}

export type ActionLimitService = ReturnType<typeof createActionLimitService>;
