import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { AnyConnector, AuthApplier, HttpMetrics, Transport } from '@patchbay/sdk';
import { syncExecutions, type SyncStatus, type SyncTrigger } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { InstanceService, InstanceRow } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createExecution, type ExecutionRow } from './executions.ts';
import type { MappingOverride } from './normalize-page.ts';
import { runStream } from './run-stream.ts';

/** Resolves the credentials of an instance into an auth applier (the vault provides it). */
export type AuthResolver = (instance: InstanceRow, operation: string) => Promise<AuthApplier | undefined>;

/** A user mapping override for a stream, compiled once per run (DataMappings). */
export type MappingResolver = (instance: InstanceRow, stream: string) => Promise<{ override: MappingOverride; version: number } | undefined>;

/** Watches what runs do: health, integration logs and metrics hang off these calls. */
export interface SyncObserver {
  executionFinished?(instance: InstanceRow, execution: ExecutionRow): Promise<void>;
  httpMetrics?(instance: InstanceRow, metrics: HttpMetrics): void;
}

/** What running connector code needs: shared by syncs and connection tests. */
export interface SyncServiceOptions {
  readonly registry: ConnectorRegistry;
  readonly instances: InstanceService;
  readonly authFor?: AuthResolver;
  readonly mappingFor?: MappingResolver;
  readonly observer?: SyncObserver;
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

/**
 * Runs streams of an instance in this process: `runNow` waits for the result; `start` creates the
 * executions (pending) and runs them in the background, and `shutdown` cancels and waits for those.
 */
export function createSyncService(deps: EngineDeps, options: SyncServiceOptions) {
  const { db } = deps.database;
  const running = new Map<Promise<unknown>, AbortController>();

  async function prepare(actor: Actor, instanceId: string, run: RunOptions) {
    const instance = await options.instances.get(actor, instanceId);
    const connector = options.registry.require(instance.connectorId);
    const streams = streamsOf(connector, run.stream);
    const executions: ExecutionRow[] = [];
    for (const stream of streams) {
      executions.push(await createExecution(db, { organizationId: instance.organizationId, instanceId, stream: stream.name, trigger: run.trigger ?? 'manual', initiatedBy: actor.userId }, deps.clock.now()));
    }
    return { instance, connector, streams, executions };
  }

  async function execute(prepared: Awaited<ReturnType<typeof prepare>>, run: RunOptions, signal: AbortSignal): Promise<ExecutionRow[]> {
    const { instance, connector, streams, executions } = prepared;
    const auth = await options.authFor?.(instance, 'sync');
    const { observer } = options;
    const onMetrics = observer?.httpMetrics ? (m: HttpMetrics) => observer.httpMetrics!(instance, m) : undefined;
    const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal, auth, transport: options.transport, onMetrics });
    const results: ExecutionRow[] = [];
    try {
      for (const [i, stream] of streams.entries()) {
        const mapping = await options.mappingFor?.(instance, stream.name);
        const row = await runStream({ deps, connector, stream, instance, ctx, execution: executions[i]!, keepRawBytes: run.keepRawBytes, override: mapping?.override, mappingVersion: mapping?.version ?? null });
        await observer?.executionFinished?.(instance, row);
        results.push(row);
      }
    } finally {
      await ctx.close();
    }
    return results;
  }

  return {
    async runNow(actor: Actor, instanceId: string, run: RunOptions = {}): Promise<ExecutionRow[]> {
      const prepared = await prepare(actor, instanceId, run);
      return execute(prepared, run, run.signal ?? new AbortController().signal);
    },

    /** Creates pending executions and runs them in the background; returns them at once. */
    async start(actor: Actor, instanceId: string, run: RunOptions = {}): Promise<ExecutionRow[]> {
      const prepared = await prepare(actor, instanceId, run);
      const controller = new AbortController();
      const job = execute(prepared, run, controller.signal)
        .catch((error: unknown) => deps.log.error({ err: error, instanceId }, 'background sync failed to start'))
        .finally(() => running.delete(job));
      running.set(job, controller);
      return prepared.executions;
    },

    /** Cancels background runs and waits for them to record their state. */
    async shutdown(): Promise<void> {
      for (const controller of running.values()) controller.abort(new PatchbayError('REQUEST_CANCELLED', { message: 'The hub is shutting down' }));
      await Promise.allSettled([...running.keys()]);
    },

    /** Waits for the background runs started so far (tests, graceful shutdown without cancelling). */
    async idle(): Promise<void> {
      await Promise.allSettled([...running.keys()]);
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
