import type { SimulatorHandle } from '@patchbay/conformance';
import type { E2eHub } from './e2e-hub.ts';

export interface InstallOptions {
  readonly name: string;
  readonly connectorId: string;
  readonly simulator: SimulatorHandle;
  /** The vault credential's name (default: the instance's). */
  readonly credentialName?: string;
}

/** Installs a connector against its simulator through the API as an admin would: the credential in the vault, an instance allowed to reach 127.0.0.1. */
export async function installInstance(hub: E2eHub, options: InstallOptions): Promise<string> {
  const { simulator } = options;
  const credential = simulator.vaultCredentials ? await hub.call<{ id: string }>('admin', 'POST', '/api/integration/auth-configs', { name: options.credentialName ?? options.name, auth_type: simulator.vaultCredentials.authType, credentials: simulator.vaultCredentials.credentials }) : undefined;
  const instance = await hub.call<{ id: string }>('admin', 'POST', '/api/integration/instances', { name: options.name, connector_id: options.connectorId, configuration: simulator.configuration, allow_private_network: true, ...(credential ? { auth_config_id: credential.id } : {}) });
  return instance.id;
}

/** Installs (see installInstance), activates, syncs once and waits for the sync to finish. */
export async function installAndSync(hub: E2eHub, options: InstallOptions): Promise<string> {
  const id = await installInstance(hub, options);
  await hub.call('admin', 'POST', `/api/integration/instances/${id}/activate`);
  await hub.call('admin', 'POST', `/api/integration/instances/${id}/sync`, {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await hub.call<{ items: { status: string; error_details?: unknown }[] }>('admin', 'GET', `/api/integration/sync-executions?instance_id=${id}`);
    if (items.some((e) => e.status === 'completed')) return id;
    const failed = items.find((e) => e.status === 'failed' || e.status === 'cancelled');
    if (failed) throw new Error(`The first sync of ${options.name} ended ${failed.status}: ${JSON.stringify(failed.error_details)}`);
    if (Date.now() > deadline) throw new Error(`The first sync of ${options.name} did not finish in 30 s: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
