import { AutoAdvanceClock, connectorContext, leaseContractProxy, type ContractLease } from '@patchbay/conformance';
import { basicAuth, type AuthApplier, type ConnectorContext } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import type { JiraConfig } from '../config.ts';
import { SPEC, startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from '../simulator/index.ts';

export interface TicketBed {
  readonly sim: JiraSimulator;
  readonly clock: AutoAdvanceClock;
  /** A context as the engine builds it for the instance, reaching the simulator through Prism when `contract` was asked for. */
  readonly ctx: ConnectorContext<JiraConfig>;
  readonly lease: ContractLease | undefined;
  close(): Promise<void>;
}

/** The simulator's API-token credential, as the vault applies it (basic auth). */
export const siteCredential: AuthApplier = basicAuth({ username: 'patchbay@example.com', password: new Secret('simulated-jira-api-token') });

/**
 * Test helper: a simulated site and a connector context for it, with `contract: true` through a Prism lease
 * on the connector's contract (the test asserts `lease.violations()` is empty). Configuration overrides
 * are applied on top of the simulator's.
 */
export async function ticketBed(options: { contract?: boolean; config?: Partial<Record<keyof JiraConfig, unknown>>; sim?: Partial<JiraSimulatorOptions>; auth?: AuthApplier } = {}): Promise<TicketBed> {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const sim = await startJiraSimulator({ pageSize: 10, clock, ...options.sim });
  const lease = options.contract ? await leaseContractProxy(SPEC, sim.baseUrl) : undefined;
  const ctx = connectorContext({ connector, configuration: { ...sim.configuration, ...options.config }, clock, auth: options.auth ?? siteCredential, ...(lease ? { connectionUrl: lease.url } : {}) });
  return {
    sim,
    clock,
    ctx: ctx as unknown as ConnectorContext<JiraConfig>,
    lease,
    async close() {
      lease?.release();
      await ctx.close();
      await sim.close();
    },
  };
}
