import { and, desc, eq, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { AnyAction, AnyConnector } from '@patchbay/sdk';
import { actionRuns, integrationInstances, type ActionRunStatus, type ActionRunTrigger, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { InstanceRow, InstanceService } from '../instances/instances.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { errorDetailsOf } from '../sync/executions.ts';
import type { SyncServiceOptions } from '../sync/sync-service.ts';
import type { ActionLimitService } from './action-limits.ts';
import type { WorkerSession } from '../workers/worker-session.ts';
import { executeAction, planAction } from './execute-action.ts';
import { parseActionInput } from './parse-input.ts';
import { maskSecrets } from './mask-input.ts';
import { DEFAULT_LOST_AFTER_MS, recoverLostRuns, type LostRunRecovery } from './recover-runs.ts';

export type ActionRunRow = typeof actionRuns.$inferSelect;

export interface ActionsOptions {
  /** How long a high-impact run waits for its approval before it expires (default 24 h). */
  readonly approvalTtlMs?: number;
  /**
   * A run still `running` this long after it started, whose process is gone, is failed with
   * ACTION_RUN_LOST by housekeeping (default 5 min; an `approved` run that never started, likewise).
   */
  readonly lostAfterMs?: number;
}

export interface InvokeInput {
  readonly instanceId: string;
  readonly action: string;
  readonly input: unknown;
  /** The finding or incident record the run is about. */
  readonly recordId?: string | null;
  /** Reverse automatically this long after success (the action must declare a reverse). */
  readonly expiresInSeconds?: number | null;
  readonly subscriptionId?: string;
}

export interface ActionRunFilter extends PageRequest {
  readonly instanceId?: string;
  readonly status?: ActionRunStatus;
  readonly action?: string;
}

export interface DryRun {
  readonly connectorId: string;
  readonly action: string;
  readonly impact: string;
  readonly requiresApproval: boolean;
  readonly input: unknown;
  /** The requests `run` would send (the action's `plan`), or null when the action declares no plan. */
  readonly requests: Record<string, unknown>[] | null;
}

export const DEFAULT_APPROVAL_TTL_MS = 24 * 3_600_000;
const APPROVER_ROLES = ['platform-admin', 'admin', 'editor'];

type Runtime = Pick<SyncServiceOptions, 'authFor' | 'transport' | 'observer'>;

/** Who someone is, for separation of duties: the user, else the token. */
function identityOf(userId: string | null | undefined, tokenId?: string | null): string | null {
  return userId ? `user:${userId}` : tokenId ? `token:${tokenId}` : null;
}

function auditView(row: ActionRunRow) {
  return { instance_id: row.instanceId, connector_id: row.connectorId, action: row.action, status: row.status, trigger: row.trigger, input: maskSecrets(row.input), record_id: row.recordId };
}

/**
 * Response actions: runs of connector actions on instances, with approvals for high-impact actions
 * (a different user with the admin or editor role), expiry of unanswered requests, reversal (by hand or
 * automatically after `expires_in_seconds`) and blast-radius limits. Every change is audited in its
 * transaction.
 */
export function createActionRunService(deps: EngineDeps, registry: ConnectorRegistry, instances: InstanceService, runtime: Runtime, limits: ActionLimitService, options: ActionsOptions = {}, session?: () => Promise<WorkerSession>) {
  const { db } = deps.database;
  const approvalTtlMs = options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS;

  function resolve(instance: InstanceRow, name: string): { connector: AnyConnector; action: AnyAction } {
    const connector = registry.get(instance.connectorId);
    const action = connector?.actions?.find((a) => a.name === name);
    if (!connector || !action) {
      const names = connector?.actions?.map((a) => a.name) ?? [];
      throw new PatchbayError('NOT_FOUND', { field: 'name', message: `Connector ${instance.connectorId} has no action ${name}`, hint: `Actions: ${names.join(', ') || 'none'}.` });
    }
    return { connector, action };
  }

  async function load(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<ActionRunRow> {
    const q = tx.select().from(actionRuns).where(and(eq(actionRuns.id, id), eq(actionRuns.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await q.for('update') : await q;
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No action run ${id}` });
    return row;
  }

  /**
   * Marks the run running (owned by this process's worker session, so that housekeeping can tell a run
   * whose process died), runs it, and records how it ended (a succeeded reversal marks its original
   * reversed). An outcome that arrives after housekeeping gave the run up as lost replaces that verdict.
   */
  async function execute(actor: Actor, runId: string): Promise<ActionRunRow> {
    const ownerId = session ? (await session()).id : null;
    const started = await db.transaction(async (tx) => {
      const [row] = await tx.update(actionRuns).set({ status: 'running', ownerId, startedAt: deps.clock.now(), updatedAt: deps.clock.now() }).where(eq(actionRuns.id, runId)).returning();
      return row!;
    });
    const instance = await instances.get(actor, started.instanceId);
    const { connector, action } = resolve(instance, started.action);
    const outcome = await executeAction(deps, runtime, connector, action, instance, started.input);
    return db.transaction(async (tx) => {
      const now = deps.clock.now();
      const succeeded = outcome.ok;
      const [row] = await tx
        .update(actionRuns)
        .set({
          status: succeeded ? 'succeeded' : 'failed',
          result: outcome.output ?? null,
          vendorResponse: { exchanges: outcome.exchanges },
          errorDetails: succeeded ? null : errorDetailsOf(outcome.error),
          finishedAt: now,
          durationMs: outcome.durationMs,
          reverseAt: succeeded && started.expiresInSeconds ? new Date(now.getTime() + started.expiresInSeconds * 1000) : null,
          updatedAt: now,
        })
        .where(eq(actionRuns.id, runId))
        .returning();
      await appendAudit(tx, deps.clock, actor, { action: `action_run.${succeeded ? 'succeeded' : 'failed'}`, targetType: 'action_run', targetId: runId, outcome: succeeded ? 'success' : 'failure', details: { ...auditView(row!), duration_ms: outcome.durationMs, error_code: succeeded ? null : (errorDetailsOf(outcome.error).code as string) } });
      if (succeeded && row!.reversesRunId) {
        const [original] = await tx.update(actionRuns).set({ status: 'reversed', reversedByRunId: runId, reverseAt: null, updatedAt: now }).where(eq(actionRuns.id, row!.reversesRunId)).returning();
        await appendAudit(tx, deps.clock, actor, { action: 'action_run.reversed', targetType: 'action_run', targetId: original!.id, details: { ...auditView(original!), reversal_run_id: runId, trigger: row!.trigger } });
      }
      return row!;
    });
  }

  async function expire(tx: Db, row: ActionRunRow): Promise<ActionRunRow> {
    const [after] = await tx.update(actionRuns).set({ status: 'expired', updatedAt: deps.clock.now() }).where(and(eq(actionRuns.id, row.id), eq(actionRuns.status, 'pending_approval'))).returning();
    if (after) await appendAudit(tx, deps.clock, systemActor(row.organizationId, 'action-approvals'), { action: 'action_run.expired', targetType: 'action_run', targetId: row.id, details: { ...auditView(after), approval_expires_at: row.approvalExpiresAt?.toISOString() ?? null } });
    return after ?? row;
  }

  async function decide(actor: Actor, id: string, decision: 'approved' | 'rejected', comment?: string): Promise<ActionRunRow> {
    const expired = await db.transaction(async (tx) => {
      const row = await load(tx, actor, id, true);
      if (row.status === 'pending_approval' && row.approvalExpiresAt && row.approvalExpiresAt <= deps.clock.now()) return expire(tx, row);
      return undefined;
    });
    if (expired) throw new PatchbayError('INVALID_STATE_TRANSITION', { message: 'The approval request expired', hint: 'Invoke the action again to ask for a new approval.', details: { status: 'expired' } });
    const decided = await db.transaction(async (tx) => {
      const row = await load(tx, actor, id, true);
      if (row.status !== 'pending_approval') {
        throw new PatchbayError('INVALID_STATE_TRANSITION', { message: `The run is ${row.status}, not waiting for an approval`, hint: 'Only runs in pending_approval can be approved or rejected.', details: { status: row.status } });
      }
      if (!APPROVER_ROLES.includes(actor.role)) throw new PatchbayError('FORBIDDEN', { message: 'Approvals need the admin or editor role', hint: 'Roles: admin, editor.' });
      const me = identityOf(actor.userId, actor.tokenId);
      if (!me || me === identityOf(row.requestedBy, null) || (row.requestedBy === null && me === row.requestedByLabel)) {
        throw new PatchbayError('APPROVAL_SEPARATION_OF_DUTIES', { message: 'You requested this run; another user must approve or reject it' });
      }
      const now = deps.clock.now();
      const [after] = await tx
        .update(actionRuns)
        .set({ status: decision, decidedBy: actor.userId ?? null, decidedByLabel: actor.label, decidedAt: now, decisionComment: comment ?? null, updatedAt: now })
        .where(eq(actionRuns.id, id))
        .returning();
      await appendAudit(tx, deps.clock, actor, { action: `action_run.${decision}`, targetType: 'action_run', targetId: id, details: { ...auditView(after!), requested_by: row.requestedByLabel, comment: comment ?? null } });
      return after!;
    });
    return decision === 'approved' ? execute(actor, id) : decided;
  }

  async function reverse(actor: Actor, id: string, trigger: Extract<ActionRunTrigger, 'reversal' | 'expiry'>): Promise<ActionRunRow> {
    const reversal = await db.transaction(async (tx) => {
      const original = await load(tx, actor, id, true);
      const [instance] = await tx.select().from(integrationInstances).where(eq(integrationInstances.id, original.instanceId));
      if (!instance) throw new PatchbayError('NOT_FOUND', { message: `No instance ${original.instanceId}` });
      const { connector, action } = resolve(instance, original.action);
      if (!action.reverse) throw new PatchbayError('ACTION_NOT_REVERSIBLE', { message: `${original.action} declares no reverse action` });
      if (original.status !== 'succeeded' || original.reversesRunId) {
        throw new PatchbayError('ACTION_NOT_REVERSIBLE', { message: original.reversesRunId ? 'This run is itself a reversal' : `The run is ${original.status}; only a succeeded run can be reversed`, details: { status: original.status } });
      }
      const [inFlight] = await tx.select({ id: actionRuns.id }).from(actionRuns).where(and(eq(actionRuns.reversesRunId, id), inArray(actionRuns.status, ['running', 'succeeded'])));
      if (inFlight) throw new PatchbayError('ACTION_NOT_REVERSIBLE', { message: `A reversal of this run is already ${inFlight.id}`, details: { reversal_run_id: inFlight.id } });
      const reverseAction = connector.actions?.find((a) => a.name === action.reverse);
      if (!reverseAction) throw new PatchbayError('ACTION_NOT_REVERSIBLE', { message: `${connector.id} declares no action ${action.reverse}` });
      const input = parseActionInput(reverseAction, original.input, 'input');
      const now = deps.clock.now();
      // The approval of the original covers its reversal: no second approval, no limit.
      const [row] = await tx
        .insert(actionRuns)
        .values({ organizationId: original.organizationId, instanceId: original.instanceId, connectorId: original.connectorId, action: reverseAction.name, impact: reverseAction.impact, requiresApproval: false, status: 'approved', trigger, input, recordId: original.recordId, reversesRunId: id, requestedBy: actor.userId ?? null, requestedByLabel: actor.label, createdAt: now, updatedAt: now })
        .returning();
      await tx.update(actionRuns).set({ reverseAt: null, updatedAt: now }).where(eq(actionRuns.id, id));
      await appendAudit(tx, deps.clock, actor, { action: 'action_run.reverse_requested', targetType: 'action_run', targetId: id, details: { ...auditView(original), reversal_run_id: row!.id, trigger } });
      return row!;
    });
    return execute(actor, reversal.id);
  }

  return {
    /** Validates the input and shows the requests the action would send, sending nothing and storing nothing. */
    async dryRun(actor: Actor, instanceId: string, name: string, input: unknown): Promise<DryRun> {
      const instance = await instances.get(actor, instanceId);
      const { connector, action } = resolve(instance, name);
      const parsed = parseActionInput(action, input);
      const requests = await planAction(deps, connector, action, instance, parsed);
      return { connectorId: connector.id, action: action.name, impact: action.impact, requiresApproval: action.impact === 'high', input: maskSecrets(parsed), requests };
    },

    /**
     * Asks for a run. High-impact actions wait in `pending_approval`; others run now and the run comes
     * back finished (succeeded or failed). Over a blast-radius limit: ACTION_LIMIT_EXCEEDED.
     */
    async invoke(actor: Actor, request: InvokeInput): Promise<ActionRunRow> {
      const instance = await instances.get(actor, request.instanceId);
      const { action } = resolve(instance, request.action);
      const input = parseActionInput(action, request.input);
      if (request.expiresInSeconds && !action.reverse) {
        throw new PatchbayError('VALIDATION_FAILED', { field: 'body.expires_in_seconds', message: `${action.name} declares no reverse action, so it cannot expire`, hint: 'Leave expires_in_seconds out for this action.' });
      }
      const requiresApproval = action.impact === 'high';
      const row = await db.transaction(async (tx) => {
        await limits.enforce(tx, instance.id, action.name);
        const now = deps.clock.now();
        const [created] = await tx
          .insert(actionRuns)
          .values({
            organizationId: instance.organizationId,
            instanceId: instance.id,
            connectorId: instance.connectorId,
            action: action.name,
            impact: action.impact,
            requiresApproval,
            status: requiresApproval ? 'pending_approval' : 'approved',
            trigger: request.subscriptionId ? 'subscription' : 'manual',
            input,
            recordId: request.recordId ?? null,
            subscriptionId: request.subscriptionId ?? null,
            requestedBy: actor.userId ?? null,
            requestedByLabel: actor.userId ? actor.label : (identityOf(null, actor.tokenId) ?? actor.label),
            approvalExpiresAt: requiresApproval ? new Date(now.getTime() + approvalTtlMs) : null,
            expiresInSeconds: request.expiresInSeconds ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'action_run.requested', targetType: 'action_run', targetId: created!.id, details: { ...auditView(created!), requires_approval: requiresApproval } });
        return created!;
      });
      return requiresApproval ? row : execute(actor, row.id);
    },

    approve: (actor: Actor, id: string, comment?: string) => decide(actor, id, 'approved', comment),
    reject: (actor: Actor, id: string, comment?: string) => decide(actor, id, 'rejected', comment),
    /** Runs the declared reverse action with the same target input; no second approval; audited. */
    reverse: (actor: Actor, id: string) => reverse(actor, id, 'reversal'),

    get: (actor: Actor, id: string) => load(db, actor, id),

    async list(actor: Actor, filter: ActionRunFilter): Promise<Page<ActionRunRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(actionRuns.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(actionRuns.instanceId, filter.instanceId));
      if (filter.status) where.push(eq(actionRuns.status, filter.status));
      if (filter.action) where.push(eq(actionRuns.action, filter.action));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(actionRuns.createdAt, t), and(eq(actionRuns.createdAt, t), lt(actionRuns.id, String(id))))!);
      }
      const rows = await db.select().from(actionRuns).where(and(...where)).orderBy(desc(actionRuns.createdAt), desc(actionRuns.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    /**
     * Housekeeping: approval requests past their expiry become `expired`; succeeded runs past their
     * `expires_in_seconds` are reversed (one attempt: a failed automatic reversal is left to a person).
     */
    async checkExpiry(): Promise<{ expired: number; reversed: number }> {
      const now = deps.clock.now();
      const due = await db.select().from(actionRuns).where(and(eq(actionRuns.status, 'pending_approval'), lte(actionRuns.approvalExpiresAt, now)));
      for (const row of due) await db.transaction((tx) => expire(tx, row));
      const reversible = await db.select().from(actionRuns).where(and(eq(actionRuns.status, 'succeeded'), lte(actionRuns.reverseAt, now)));
      let reversed = 0;
      for (const row of reversible) {
        try {
          const run = await reverse(systemActor(row.organizationId, 'action-expiry'), row.id, 'expiry');
          if (run.status === 'succeeded') reversed += 1;
        } catch (error) {
          deps.log.warn({ err: error, actionRunId: row.id }, 'automatic reversal did not run');
        }
      }
      return { expired: due.length, reversed };
    },

    /**
     * Housekeeping: a run left `running` (or `approved` and never started) past `lostAfterMs` whose
     * process is gone ends `failed` with ACTION_RUN_LOST, audited: the vendor-side effect is unknown.
     */
    async recoverLost(): Promise<LostRunRecovery> {
      if (!session) return { failed: 0 };
      return recoverLostRuns(deps, await session(), options.lostAfterMs ?? DEFAULT_LOST_AFTER_MS);
    },
  };
}

export type ActionRunService = ReturnType<typeof createActionRunService>;
