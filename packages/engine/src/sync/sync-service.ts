import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyConnector, AuthApplier, Transport } from '@patchbay/sdk';
import { syncExecutions, type SyncStatus, type SyncTrigger } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { InstanceService, InstanceRow } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createExecution, type ExecutionRow } from './executions.ts';
import { runStream } from './run-stream.ts';

/** Resolves the credentials of an instance into an auth applier (the vault provides it). */
export type AuthResolver = (instance: InstanceRow, operation: string) => Promise<AuthApplier | undefined>;

export interface SyncServiceOptions {
  readonly registry: ConnectorRegistry;
  readonly instances: InstanceService;
  readonly authFor?: AuthResolver;
  /** Tests and record/replay swap the network layer here. */
  readonly transport?: Transport;
}

export interface RunOptions {
  readonly stream?: string;
  readonly trigger?: SyncTrigger;
  readonly signal?: AbortSignal;
  readonly keepRawBytes?: number;
}

export interface ExecutionFilter extends PageRequest {
  readonly instanceId?: string;
  readonly status?: SyncStatus;
}

function streamsOf(connector: AnyConnector, name: string | undefined) {
  const streams = connector.streams ?? [];
  if (!name) return streams;
  const one = streams.find((s) => s.name === name);
  if (!one) throw new PatchbayError('NOT_FOUND', { field: 'stream', message: `Connector ${connector.id} has no stream ${name}`, hint: `Streams: ${streams.map((s) => s.name).join(', ') || 'none'}.` });
  return [one];
}

/** Runs streams of an instance now, in this process (the job queue calls the same function). */
export function createSyncService(deps: EngineDeps, options: SyncServiceOptions) {
  const { db } = deps.database;
  return {
    async runNow(actor: Actor, instanceId: string, run: RunOptions = {}): Promise<ExecutionRow[]> {
      const instance = await options.instances.get(actor, instanceId);
      const connector = options.registry.require(instance.connectorId);
      const auth = await options.authFor?.(instance, 'sync');
      const controller = new AbortController();
      const signal = run.signal ? AbortSignal.any([run.signal, controller.signal]) : controller.signal;
      const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal, auth, transport: options.transport });
      const results: ExecutionRow[] = [];
      try {
        for (const stream of streamsOf(connector, run.stream)) {
          const execution = await createExecution(db, { organizationId: instance.organizationId, instanceId, stream: stream.name, trigger: run.trigger ?? 'manual', initiatedBy: actor.userId }, deps.clock.now());
          results.push(await runStream({ deps, connector, stream, instance, ctx, execution, keepRawBytes: run.keepRawBytes }));
        }
      } finally {
        controller.abort();
        await ctx.close();
      }
      return results;
    },

    async listExecutions(actor: Actor, filter: ExecutionFilter): Promise<Page<ExecutionRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(syncExecutions.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(syncExecutions.instanceId, filter.instanceId));
      if (filter.status) where.push(eq(syncExecutions.status, filter.status));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(syncExecutions.createdAt, t), and(eq(syncExecutions.createdAt, t), lt(syncExecutions.id, String(id))))!);
      }
      const rows = await db.select().from(syncExecutions).where(and(...where)).orderBy(desc(syncExecutions.createdAt), desc(syncExecutions.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async getExecution(actor: Actor, id: string): Promise<ExecutionRow> {
      const [row] = await db.select().from(syncExecutions).where(and(eq(syncExecutions.id, id), eq(syncExecutions.organizationId, actor.organizationId)));
      if (!row) throw new PatchbayError('NOT_FOUND', { message: `No sync execution ${id}` });
      return row;
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
