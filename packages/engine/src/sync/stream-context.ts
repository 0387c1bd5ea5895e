import type { AnyConnector, ConnectorContext, HttpMetrics } from '@patchbay/sdk';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import { SharedRateLimiter } from '../workers/shared-rate-limiter.ts';
import type { SyncServiceOptions } from './sync-service.ts';

/** What opening a stream's context takes from the sync service's options. */
export type StreamRuntime = Pick<SyncServiceOptions, 'authFor' | 'transport' | 'observer'>;

export interface StreamContextOptions {
  readonly connector: AnyConnector;
  readonly instance: InstanceRow;
  /** Why the credentials are decrypted, as credential usage records it: `sync`, `sample`. */
  readonly operation: string;
  readonly signal: AbortSignal;
  /** Also sees every HTTP attempt (after the observer). */
  readonly onMetrics?: (m: HttpMetrics) => void;
}

export type StreamContext = ConnectorContext<Record<string, unknown>> & { close(): Promise<void> };

/**
 * The context a stream reads with, opened the way syncs open it: the instance's credentials from the
 * vault, the installation's rate budget shared with every process, every HTTP attempt reported to the
 * observer (connector metrics). `close` ends the HTTP client and gives unused rate-limit tokens back.
 */
export async function openStreamContext(deps: EngineDeps, runtime: StreamRuntime, options: StreamContextOptions): Promise<StreamContext> {
  const { connector, instance } = options;
  const limiter = connector.rateLimits ? new SharedRateLimiter({ database: deps.database, clock: deps.clock, log: deps.log, key: `instance:${instance.id}`, limits: connector.rateLimits }) : undefined;
  const release = () => limiter?.release().catch((error: unknown) => deps.log.warn({ err: error }, 'could not return unused rate-limit tokens'));
  try {
    const auth = await runtime.authFor?.(instance, options.operation);
    const { observer } = runtime;
    const extra = options.onMetrics;
    const onMetrics =
      observer?.httpMetrics || extra
        ? (m: HttpMetrics) => {
            observer?.httpMetrics?.(instance, m);
            extra?.(m);
          }
        : undefined;
    const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal: options.signal, auth, transport: runtime.transport, onMetrics, rateLimiter: limiter });
    return {
      ...ctx,
      async close() {
        try {
          await ctx.close();
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
