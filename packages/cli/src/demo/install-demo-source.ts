import type { SimulatorHandle } from '@patchbay/conformance';
import { MAX_LIMIT, type Actor, type Engine, type InstanceRow, type Logger } from '@patchbay/engine';
import type { DemoSource } from './demo-sources.ts';

/** How often the demo's instances sync on their own once installed (the wizard's interval schedule). */
export const DEMO_INTERVAL_MINUTES = 60;

export interface DemoInstance {
  readonly source: DemoSource;
  readonly instance: InstanceRow;
  /** Installed by this start (false: found from an earlier start and pointed at the new simulator). */
  readonly created: boolean;
}

/**
 * The simulator's credentials in the vault, under a name of the source's: created on the first start,
 * updated on later ones (a simulator listens on a new port each time).
 */
async function credentialsFor(engine: Engine, actor: Actor, source: DemoSource, simulator: SimulatorHandle): Promise<string | null> {
  const vault = simulator.vaultCredentials;
  if (!vault) return null;
  const name = `${source.name} credentials`;
  const existing = (await engine.vault.configs.list(actor, { limit: MAX_LIMIT })).items.find((c) => c.name === name);
  if (existing) return (await engine.vault.configs.update(actor, existing.id, { credentials: { ...vault.credentials } })).id;
  return (await engine.vault.configs.create(actor, { name, authType: vault.authType, credentials: { ...vault.credentials } })).id;
}

/**
 * Installs one simulated vendor the way a person does in the wizard, through the engine's services (audited,
 * validated, the credentials in the vault): credentials, an instance allowed to reach 127.0.0.1, a connection
 * test, an interval schedule, activation. An instance of that name from an earlier start is kept and pointed
 * at this start's simulator instead; one the user deactivated stays inactive.
 */
export async function installDemoSource(engine: Engine, actor: Actor, log: Logger, source: DemoSource, simulator: SimulatorHandle): Promise<DemoInstance> {
  const authConfigId = await credentialsFor(engine, actor, source, simulator);
  const configuration = { ...simulator.configuration };
  const existing = (await engine.instances.list(actor, { connectorId: source.connectorId, limit: MAX_LIMIT })).items.find((i) => i.name === source.name);
  if (existing) {
    const updated = await engine.instances.update(actor, existing.id, { configuration, authConfigId, allowPrivateNetwork: true });
    // The last simulator went away with the last start: an instance it left in error is activated again.
    const instance = updated.status === 'error' || updated.status === 'configuring' ? await engine.instances.activate(actor, existing.id) : updated;
    return { source, instance, created: false };
  }
  const created = await engine.instances.create(actor, { name: source.name, connectorId: source.connectorId, configuration, authConfigId, allowPrivateNetwork: true });
  const test = await engine.testConnection(actor, created.id);
  if (test.ok) log.info({ instanceId: created.id, connector: source.connectorId, latencyMs: test.latencyMs }, 'demo: connection test passed');
  else log.warn({ instanceId: created.id, connector: source.connectorId, error: test.error }, 'demo: connection test failed');
  await engine.schedules.create(actor, { instanceId: created.id, scheduleType: 'interval', intervalMinutes: DEMO_INTERVAL_MINUTES });
  const instance = await engine.instances.activate(actor, created.id);
  return { source, instance, created: true };
}
