import { AutoAdvanceClock, connectorContext, leaseContractProxy } from '@patchbay/conformance';
import { apiKeyAuth, type ConnectorContext } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import type { PagerDutyConfig } from '../config.ts';
import { SIMULATED_API_KEY, startPagerDutySimulator, type PagerDutySimulator, type PagerDutySimulatorOptions } from '../simulator/index.ts';

/** What the vault's api_key credential applies: `Authorization: Token token=<key>`. */
export const tokenAuth = (key = SIMULATED_API_KEY) => apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret(key), prefix: 'Token token=' });

export interface TestBed {
  readonly sim: PagerDutySimulator;
  readonly clock: AutoAdvanceClock;
  /** A connector context as the engine builds it, on the simulator's configuration with `config` over it. */
  context(config?: Partial<PagerDutyConfig> & Record<string, unknown>, key?: string): ConnectorContext<PagerDutyConfig> & { close(): Promise<void> };
  close(): Promise<void>;
}

/** Test helper: a simulated account and contexts reaching it (closed with the bed). */
export async function testBed(options: Partial<PagerDutySimulatorOptions> = {}): Promise<TestBed> {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const sim = await startPagerDutySimulator({ pageSize: 5, clock, ...options });
  const open: { close(): Promise<void> }[] = [];
  return {
    sim,
    clock,
    context(config = {}, key = SIMULATED_API_KEY) {
      const ctx = connectorContext({ connector, configuration: { ...sim.configuration, ...config }, clock, auth: tokenAuth(key) }) as unknown as ConnectorContext<PagerDutyConfig> & { close(): Promise<void> };
      open.push(ctx);
      return ctx;
    },
    async close() {
      for (const ctx of open) await ctx.close();
      await sim.close();
    },
  };
}

/**
 * Starts the shared Prism for a spec before the tests that lease it. Prism loads PagerDuty's 2.7 MB REST
 * description in about 10 s, and the conformance package gives it 30 s: on a loaded machine a start can
 * miss that, so it is tried three times (a failed start leaves no Prism behind).
 */
export async function warmPrism(spec: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      (await leaseContractProxy(spec, 'http://127.0.0.1:9')).release();
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
