import { recordKey, type AnyStream, type PrimaryKey } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { exchangeOf } from '../actions/execute-action.ts';
import type { InstanceService } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import { deadline } from '../lib/deadline.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation, logOperations } from '../logs/log-operation.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { errorDetailsOf } from '../sync/executions.ts';
import { openStreamContext, type StreamContext, type StreamRuntime } from '../sync/stream-context.ts';
import { requireStream } from './stream-class.ts';

/** The most records a live sample returns. */
export const MAX_LIVE_SAMPLE = 50;

/**
 * How long a live sample waits for the stream's first page (on the engine's clock). Someone is waiting at
 * a button: a stream that first has the vendor prepare an export can take minutes, and would otherwise wait
 * for its own poll limits.
 */
export const LIVE_SAMPLE_TIMEOUT_MS = 30_000;

export interface LiveSample {
  /** The first page's raw records (the stream's raw items, as its mapper receives them), at most `limit`. */
  readonly items: readonly { readonly externalId: string | null; readonly raw: unknown }[];
  /** How many records the first page held (more than `items` when `limit` cut it). */
  readonly pageRecords: number;
  readonly latencyMs: number;
}

export type LiveSampleRuntime = StreamRuntime & { readonly registry: ConnectorRegistry; readonly instances: InstanceService };

/** The vendor id of a raw record, or null when it has none (a sample may show a record a sync would reject). */
function externalIdOf(stream: AnyStream, raw: unknown): string | null {
  try {
    return recordKey<unknown>(stream as { name: string; primaryKey: PrimaryKey<unknown> }, raw);
  } catch {
    return null;
  }
}

/** The records of the stream's first page, as a first sync would read it (no checkpoint); reads no further. */
async function firstPage(stream: AnyStream, ctx: StreamContext): Promise<readonly unknown[]> {
  const pages = stream.fetch(ctx, undefined)[Symbol.asyncIterator]();
  try {
    const first = await pages.next();
    return first.done ? [] : first.value.records;
  } finally {
    // Ends the stream's generator (its `finally` blocks, a connector program) without reading on.
    await pages.return?.(undefined);
  }
}

/**
 * Reads the first page of an instance's stream from the vendor exactly as a sync would (the connector's
 * fetch with the instance's configuration, credentials from the vault, the shared rate budget, the SSRF
 * guard, HTTP metrics) and stores nothing of it: no records, checkpoint, stream state or event. The call
 * is one integration log entry (operation `sample`) with counts and the HTTP exchanges, never payloads.
 * Vendor errors are thrown as they are. Any instance status may sample: it is a diagnostic.
 */
export function createLiveSampler(deps: EngineDeps, runtime: LiveSampleRuntime) {
  return async function liveSample(actor: Actor, instanceId: string, streamName: string, limit: number): Promise<LiveSample> {
    const instance = await runtime.instances.get(actor, instanceId);
    const connector = runtime.registry.require(instance.connectorId);
    const stream = requireStream(connector, streamName);
    const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_LIVE_SAMPLE);
    const exchanges: Record<string, unknown>[] = [];
    const controller = new AbortController();
    const started = performance.now();
    const entry = { organizationId: instance.organizationId, instanceId: instance.id, operation: logOperations.sample, userId: actor.userId ?? null };
    const log = async (level: 'success' | 'error', message: string, details: Record<string, unknown>) => {
      try {
        await logOperation(deps.database.db, { ...entry, level, message, details: { stream: stream.name, limit: take, latency_ms: Math.round(performance.now() - started), requests: exchanges, ...details }, occurredAt: deps.clock.now() });
      } catch (error) {
        deps.log.error({ err: error, instanceId: instance.id }, 'logging a live sample failed');
      }
    };
    // At the deadline the stream's requests and polls are aborted too (a stream that ignores its signal is left behind).
    const timeUp = deadline(deps.clock, LIVE_SAMPLE_TIMEOUT_MS, controller.signal, () => {
      const timedOut = new PatchbayError('LIVE_SAMPLE_TIMEOUT', { message: `Stream ${stream.name} did not produce its first page within ${LIVE_SAMPLE_TIMEOUT_MS / 1000} s` });
      controller.abort(timedOut);
      return timedOut;
    });
    const read = async () => {
      const ctx = await openStreamContext(deps, runtime, { connector, instance, operation: 'sample', signal: controller.signal, onMetrics: (m) => exchanges.push(exchangeOf(m)) });
      try {
        return await firstPage(stream, ctx);
      } finally {
        await ctx.close();
      }
    };
    try {
      const records = await Promise.race([read(), timeUp]);
      const latencyMs = Math.round(performance.now() - started);
      const items = records.slice(0, take).map((raw) => ({ externalId: externalIdOf(stream, raw), raw }));
      const cut = records.length > items.length ? ` (the first page held ${records.length})` : '';
      await log('success', `Live sample of stream ${stream.name}: ${items.length} record(s) in ${latencyMs} ms${cut}`, { records: items.length, page_records: records.length });
      return { items, pageRecords: records.length, latencyMs };
    } catch (error) {
      const details = errorDetailsOf(error);
      await log('error', `Live sample of stream ${stream.name} failed: ${String(details.message)} (${String(details.code)})`, { error: details });
      throw error;
    } finally {
      controller.abort();
    }
  };
}
