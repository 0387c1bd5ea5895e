import { AutoAdvanceClock, connectorContext, leaseContractProxy, testAuthFor, type ContractLease } from '@patchbay/conformance';
import { basicAuth, type AuthApplier, type ConnectorContext } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import type { ServiceNowConfig } from '../config.ts';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../simulator/index.ts';

export interface TestBed {
  readonly clock: AutoAdvanceClock;
  readonly sim: ServiceNowSimulator;
  /** A context built as the engine builds it, reaching the simulator (through Prism with `prism`). */
  readonly ctx: ConnectorContext<ServiceNowConfig>;
  /** The Prism lease when the bed goes through the contract proxy: its violations must stay empty. */
  readonly lease: ContractLease | undefined;
  /** Another context on the same simulator, with other settings or credentials. */
  context(options?: { readonly config?: Partial<ServiceNowConfig>; readonly auth?: AuthApplier }): ConnectorContext<ServiceNowConfig>;
  close(): Promise<void>;
}

export interface BedOptions {
  readonly config?: Partial<ServiceNowConfig>;
  /** Send every request through `prism proxy` with the Table API description. */
  readonly prism?: boolean;
  /** `basic` (the integration user) or `oauth` (bearer tokens, as the conformance suite hands them out). */
  readonly auth?: 'basic' | 'oauth';
  readonly pageSize?: number;
}

/** The simulator's integration user as the engine's basic applier sends it. */
export function integrationUser(sim: ServiceNowSimulator, password?: string): AuthApplier {
  const { username, password: stored } = sim.vaultCredentials!.credentials as { username: string; password: string };
  return basicAuth({ username, password: new Secret(password ?? stored) });
}

/** A simulated instance on a clock at 2026-05-01 and a connector context for it. */
export async function startBed(options: BedOptions = {}): Promise<TestBed> {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const sim = await startServiceNowSimulator({ pageSize: options.pageSize ?? 5, clock });
  const lease = options.prism ? await leaseContractProxy(sim.contract!.spec, sim.baseUrl) : undefined;
  const contexts: { close(): Promise<void> }[] = [];
  const context = (extra: { readonly config?: Partial<ServiceNowConfig>; readonly auth?: AuthApplier } = {}) => {
    const auth = extra.auth ?? (options.auth === 'oauth' ? testAuthFor(connector).applier! : integrationUser(sim));
    const ctx = connectorContext({ connector, configuration: { ...sim.configuration, ...options.config, ...extra.config }, clock, auth, ...(lease ? { connectionUrl: lease.url } : {}) });
    contexts.push(ctx);
    return ctx as unknown as ConnectorContext<ServiceNowConfig>;
  };
  const ctx = context();
  return {
    clock,
    sim,
    ctx,
    lease,
    context,
    async close() {
      for (const c of contexts) await c.close();
      lease?.release();
      await sim.close();
    },
  };
}
