import { eq } from 'drizzle-orm';
import { integrationInstances } from '@patchbay/store';
import { isPatchbayError } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';
import { errorDetailsOf } from '../sync/executions.ts';
import type { SyncServiceOptions } from '../sync/sync-service.ts';
import { recordConnectionTest } from '../health/connection-tests.ts';

export interface ConnectionTest {
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly details: Record<string, unknown>;
  readonly error: Record<string, unknown> | null;
}

/**
 * Runs the connector's live `validate` call for an instance and records the outcome: success sets
 * last_connected (and clears an error), failure stores the error message. A connector without a
 * validate call cannot be tested: that is reported, not faked.
 */
export function createConnectionTester(deps: EngineDeps, { registry, instances, authFor, transport }: SyncServiceOptions) {
  return async function testConnection(actor: Actor, instanceId: string): Promise<ConnectionTest> {
    const instance = await instances.get(actor, instanceId);
    const connector = registry.require(instance.connectorId);
    const started = performance.now();
    if (!connector.validate) {
      const untestable = { ok: false, latencyMs: 0, details: {}, error: { code: 'CONFIG_INVALID', message: `Connector ${connector.id} declares no connection test` } };
      await recordConnectionTest(deps, instance, { ...untestable, testable: false }, actor.userId);
      return untestable;
    }
    const controller = new AbortController();
    try {
      const auth = await authFor?.(instance, 'test');
      const ctx = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal: controller.signal, auth, transport });
      try {
        const result = await connector.validate(ctx);
        const latencyMs = Math.round(performance.now() - started);
        await deps.database.db
          .update(integrationInstances)
          .set({ lastConnected: deps.clock.now(), errorMessage: null, ...(instance.status === 'error' ? { status: 'active' as const } : {}) })
          .where(eq(integrationInstances.id, instance.id));
        await recordConnectionTest(deps, instance, { ok: true, latencyMs, error: null }, actor.userId);
        return { ok: true, latencyMs, details: { ...(result.details ?? {}) }, error: null };
      } finally {
        await ctx.close();
      }
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      const message = isPatchbayError(error) ? error.message : 'The connection test failed';
      await deps.database.db.update(integrationInstances).set({ errorMessage: message }).where(eq(integrationInstances.id, instance.id));
      await recordConnectionTest(deps, instance, { ok: false, latencyMs, error: errorDetailsOf(error) }, actor.userId);
      return { ok: false, latencyMs, details: {}, error: errorDetailsOf(error) };
    } finally {
      controller.abort();
    }
  };
}
