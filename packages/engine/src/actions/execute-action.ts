import type { AnyAction, AnyConnector, HttpMetrics, PlannedRequest } from '@patchbay/sdk';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import type { SyncServiceOptions } from '../sync/sync-service.ts';
import { maskSecrets } from './mask-input.ts';

export interface ActionOutcome {
  readonly ok: boolean;
  readonly output?: Record<string, unknown>;
  readonly error?: unknown;
  /** Every HTTP attempt the action made: method, host, status, attempt, duration. Never headers or bodies. */
  readonly exchanges: readonly Record<string, unknown>[];
  readonly durationMs: number;
}

type Runtime = Pick<SyncServiceOptions, 'authFor' | 'transport' | 'observer'>;

export function exchangeOf(m: HttpMetrics): Record<string, unknown> {
  return { method: m.method, host: m.host, status: m.status ?? null, error_code: m.code ?? null, attempt: m.attempt, duration_ms: Math.round(m.durationMs) };
}

/**
 * Runs one action of an instance's connector the way syncs run streams: the context from the declaration
 * and the instance (SSRF guard, limits, retries), the instance's credentials from the vault injected into
 * the HTTP client, the output checked against the action's schema.
 */
export async function executeAction(deps: EngineDeps, runtime: Runtime, connector: AnyConnector, action: AnyAction, instance: InstanceRow, input: unknown): Promise<ActionOutcome> {
  const exchanges: Record<string, unknown>[] = [];
  const started = performance.now();
  const controller = new AbortController();
  try {
    const auth = await runtime.authFor?.(instance, 'action');
    const ctx = buildConnectorContext({
      connector,
      instance,
      clock: deps.clock,
      log: deps.log,
      signal: controller.signal,
      auth,
      transport: runtime.transport,
      onMetrics: (m) => {
        exchanges.push(exchangeOf(m));
        runtime.observer?.httpMetrics?.(instance, m);
      },
    });
    try {
      const output = action.output.parse(await action.run(ctx, input)) as Record<string, unknown>;
      return { ok: true, output, exchanges, durationMs: Math.round(performance.now() - started) };
    } finally {
      await ctx.close();
    }
  } catch (error) {
    return { ok: false, error, exchanges, durationMs: Math.round(performance.now() - started) };
  } finally {
    controller.abort();
  }
}

/** The requests a dry run shows: the action's `plan`, with header values of credentials masked. Sends nothing. */
export async function planAction(deps: EngineDeps, connector: AnyConnector, action: AnyAction, instance: InstanceRow, input: unknown): Promise<Record<string, unknown>[] | null> {
  if (!action.plan) return null;
  const controller = new AbortController();
  const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal: controller.signal });
  try {
    const planned: readonly PlannedRequest[] = await action.plan(ctx, input);
    return planned.map((r) => maskSecrets(JSON.parse(JSON.stringify(r)) as unknown) as Record<string, unknown>);
  } finally {
    controller.abort();
    await ctx.close();
  }
}
