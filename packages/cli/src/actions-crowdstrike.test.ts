import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../server/src/testing/test-hub.ts';
import simulator from '../../../connectors/crowdstrike-falcon/simulator/index.ts';
import type { CrowdStrikeSimulatorHandle } from '../../../connectors/crowdstrike-falcon/simulator/index.ts';

// One database kind is enough here (the action API's own tests run both): PostgreSQL when there is one.
const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';

/** Response actions with a real built-in connector: CrowdStrike Falcon's contain-host ↔ lift-containment, through the API and the vault. */
describe(`crowdstrike-falcon response actions through the API on ${kind}`, () => {
  let hub: TestHub;
  let sim: CrowdStrikeSimulatorHandle;
  let instanceId: string;
  const clock = new AutoAdvanceClock(new Date());

  const call = async (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { clock, connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
    sim = (await simulator({ pageSize: 5, clock })) as CrowdStrikeSimulatorHandle;
    sim.seed('hosts', { count: 3 });
    const credential = await call('admin', 'POST', '/api/integration/auth-configs', { name: 'falcon', auth_type: sim.vaultCredentials!.authType, credentials: sim.vaultCredentials!.credentials });
    const instance = await call('admin', 'POST', '/api/integration/instances', { name: 'falcon', connector_id: 'crowdstrike-falcon', configuration: sim.configuration, allow_private_network: true, auth_config_id: credential.id });
    instanceId = instance.id;
  });
  afterAll(async () => {
    await sim.close();
    await hub.close();
  });

  it('contains a host after approval, shows the dry run, and lifts containment as its reversal', async () => {
    const host = sim.data.hosts.byKey()[0]!;
    const actions = () => sim.requests.filter((r) => r.path === '/devices/entities/devices-actions/v2').map((r) => r.query.action_name);
    const url = `/api/integration/instances/${instanceId}/actions/contain-host`;

    const dry = await call('editor', 'POST', url, { input: { device_id: host.device_id }, dryRun: true });
    expect(dry.requests).toEqual([expect.objectContaining({ method: 'POST', query: { action_name: 'contain' }, body: { ids: [host.device_id] } })]);
    expect(actions()).toEqual([]);

    const run = await call('editor', 'POST', url, { input: { device_id: host.device_id } });
    expect(run).toMatchObject({ status: 'pending_approval', impact: 'high' });
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('normal');
    const approved = await call('admin', 'POST', `/api/integration/action-runs/${run.id}/approve`, {});
    expect(approved).toMatchObject({ status: 'succeeded', result: { device_id: host.device_id, action: 'contain', accepted: true } });
    expect(approved.vendor_response.exchanges.some((e: { status: number }) => e.status === 200)).toBe(true);
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('contained');

    const reversal = await call('editor', 'POST', `/api/integration/action-runs/${run.id}/reverse`);
    expect(reversal).toMatchObject({ action: 'lift-containment', status: 'succeeded', requires_approval: false, result: { action: 'lift_containment', accepted: true } });
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('normal');
    expect(actions()).toEqual(['contain', 'lift_containment']);
    expect((await call('viewer', 'GET', `/api/integration/action-runs/${run.id}`)).status).toBe('reversed');
  });
});
