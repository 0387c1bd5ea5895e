import type { SimulatorHandle } from '@patchbay/conformance';
import type { E2eHub } from './e2e-hub.ts';

/**
 * Installs a connector against its simulator through the API as an admin would (credential in the vault,
 * instance allowed to reach 127.0.0.1, activated), syncs it once and waits for the sync to finish.
 */
export async function installAndSync(hub: E2eHub, options: { name: string; connectorId: string; simulator: SimulatorHandle }): Promise<string> {
  const { simulator } = options;
  const credential = simulator.vaultCredentials ? await hub.call<{ id: string }>('admin', 'POST', '/api/integration/auth-configs', { name: options.name, auth_type: simulator.vaultCredentials.authType, credentials: simulator.vaultCredentials.credentials }) : undefined;
  const instance = await hub.call<{ id: string }>('admin', 'POST', '/api/integration/instances', { name: options.name, connector_id: options.connectorId, configuration: simulator.configuration, allow_private_network: true, ...(credential ? { auth_config_id: credential.id } : {}) });
  await hub.call('admin', 'POST', `/api/integration/instances/${instance.id}/activate`);
  await hub.call('admin', 'POST', `/api/integration/instances/${instance.id}/sync`, {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { items } = await hub.call<{ items: { status: string; error_details?: unknown }[] }>('admin', 'GET', `/api/integration/sync-executions?instance_id=${instance.id}`);
    if (items.some((e) => e.status === 'completed')) return instance.id;
    const failed = items.find((e) => e.status === 'failed' || e.status === 'cancelled');
    if (failed) throw new Error(`The first sync of ${options.name} ended ${failed.status}: ${JSON.stringify(failed.error_details)}`);
    if (Date.now() > deadline) throw new Error(`The first sync of ${options.name} did not finish in 30 s: ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
