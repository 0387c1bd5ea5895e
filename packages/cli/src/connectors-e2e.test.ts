import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { AutoAdvanceClock, type SimulatorFactory, type SimulatorHandle } from '@patchbay/conformance';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../server/src/testing/test-hub.ts';
import { runNormalize } from './commands/normalize.ts';

/**
 * Every built-in connector with a pull API, end to end as a user meets it: listed in the catalogue with
 * its category, auth methods, capabilities and permissions; credentials stored in the vault in the form
 * its simulator accepts; installed, tested, activated and synced through the HTTP API; its records read
 * back with provenance; and `patchbay normalize` turning each stream's raw vendor records into OCSF.
 */
const SEEDED = 7;
const root = new URL('../../../connectors/', import.meta.url);
const withSimulator = builtInConnectors.filter((c) => existsSync(new URL(`${c.id}/simulator/index.ts`, root)));
// One database kind is enough here (the connectors' own tests run both): PostgreSQL when there is one.
const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';

describe(`built-in connectors through the API on ${kind}`, () => {
  let hub: TestHub;
  // Sleeps (export polling, Retry-After) move time on at once; the vault's token windows follow it.
  const clock = new AutoAdvanceClock(new Date());
  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { clock, connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
  });
  afterAll(async () => hub.close());

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, role: 'admin' | 'editor' | 'viewer' = 'admin') => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  type Identity = { data: { class_uid: number; user?: { uid: string; groups?: { uid: string }[] }; group?: { uid: string } }; provenance: { stream: string } };

  /** Okta: a user's groups and a group's members through `/api/identities`. */
  async function expectMembershipsQueryable(instanceId: string) {
    const all = (await call('GET', `/api/identities?instance_id=${instanceId}&limit=200`, undefined, 'viewer')).items as Identity[];
    const membership = all.find((r) => r.provenance.stream === 'group-memberships')!;
    expect(membership, 'a group membership among the identities').toBeDefined();
    const userUid = membership.data.user!.uid;
    const groupUid = membership.data.user!.groups![0]!.uid;
    const ofUser = (await call('GET', `/api/identities?user_uid=${encodeURIComponent(userUid)}&limit=200`, undefined, 'viewer')).items as Identity[];
    expect(ofUser.length).toBeGreaterThanOrEqual(2);
    expect(ofUser.every((r) => r.data.user?.uid === userUid)).toBe(true);
    expect(ofUser.map((r) => r.provenance.stream)).toEqual(expect.arrayContaining(['users', 'group-memberships']));
    const ofGroup = (await call('GET', `/api/identities?group_uid=${encodeURIComponent(groupUid)}&limit=200`, undefined, 'viewer')).items as Identity[];
    expect(ofGroup.map((r) => r.provenance.stream)).toEqual(expect.arrayContaining(['groups', 'group-memberships']));
    expect(ofGroup.every((r) => r.data.group?.uid === groupUid || r.data.user?.groups?.some((g) => g.uid === groupUid))).toBe(true);
    expect(ofGroup.filter((r) => r.provenance.stream === 'group-memberships').map((r) => r.data.user!.uid)).toContain(userUid);
  }

  it('lists every built-in connector', async () => {
    expect(withSimulator.length).toBeGreaterThanOrEqual(2);
    const listed = await call('GET', '/api/integration/connectors?limit=100', undefined, 'viewer');
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(builtInConnectors.map((c) => c.id)));
  });

  it.each(withSimulator.map((c) => c.id))('%s: catalogue, vault, install, test, activate, sync, records, normalize', async (id) => {
    const connector = builtInConnectors.find((c) => c.id === id)!;
    const factory = ((await import(new URL(`${id}/simulator/index.ts`, root).href)) as { default: SimulatorFactory }).default;
    const sim: SimulatorHandle = await factory({ pageSize: 5, clock });
    try {
      if (sim.streams.length === 0) return; // a push-only connector (webhooks) has nothing to pull
      for (const stream of sim.streams) sim.seed(stream, { count: SEEDED });

      const entry = await call('GET', `/api/integration/connectors/${id}`, undefined, 'viewer');
      expect(entry).toMatchObject({ id, category: connector.category, version: connector.version });
      expect(entry.auth_methods).toEqual(connector.auth.map((a) => a.type));
      const described = await call('GET', `/api/integration/connectors/${id}/capabilities`, undefined, 'viewer');
      for (const stream of connector.streams ?? []) expect(described.streams.find((s: { name: string }) => s.name === stream.name)?.permissions).toEqual([...stream.permissions]);

      let authConfigId: string | undefined;
      if (sim.vaultCredentials) {
        const created = await call('POST', '/api/integration/auth-configs', { name: `${id}-credentials`, auth_type: sim.vaultCredentials.authType, credentials: sim.vaultCredentials.credentials });
        authConfigId = created.id;
      } else {
        expect(connector.auth, `${id}: its simulator must say which credentials it accepts (vaultCredentials)`).toEqual([]);
      }
      const instance = await call('POST', '/api/integration/instances', { name: `${id}-e2e`, connector_id: id, configuration: sim.configuration, allow_private_network: true, ...(authConfigId ? { auth_config_id: authConfigId } : {}) });
      const tested = await call('POST', `/api/integration/instances/${instance.id}/test`, {}, 'editor');
      expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true });
      await call('POST', `/api/integration/instances/${instance.id}/activate`, {}, 'editor');
      clock.advance(60_000);
      await call('POST', `/api/integration/instances/${instance.id}/sync`, {}, 'editor');
      await hub.engine.sync.idle();

      const runs = (await call('GET', `/api/integration/sync-executions?instance_id=${instance.id}&limit=100`, undefined, 'viewer')).items as { stream: string; status: string; records_created: number; error_details: unknown }[];
      for (const stream of connector.streams ?? []) {
        const run = runs.find((r) => r.stream === stream.name);
        expect(run, `${id}/${stream.name}`).toBeDefined();
        expect([run!.stream, run!.status, run!.error_details]).toEqual([stream.name, 'completed', null]);
        expect(run!.records_created).toBe(sim.streams.includes(stream.name) ? sim.records(stream.name).length : 0);
      }
      const stored = (await call('GET', `/api/records?instance_id=${instance.id}&limit=200`, undefined, 'viewer')).items as { provenance: { connector_id: string; stream: string; raw_hash: string } }[];
      const expected = sim.streams.reduce((n, s) => n + sim.records(s).length, 0);
      expect(stored).toHaveLength(expected);
      for (const r of stored) expect(r.provenance).toMatchObject({ connector_id: id, raw_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

      if (id === 'okta') await expectMembershipsQueryable(instance.id);

      for (const stream of sim.streams) {
        const out: string[] = [];
        const err: string[] = [];
        const raw = sim.records(stream);
        const code = await runNormalize({ connectors: builtInConnectors, connectorId: id, stream, text: JSON.stringify(raw), out: (l) => out.push(l), err: (l) => err.push(l) });
        expect([stream, code, err]).toEqual([stream, 0, []]);
        expect(out).toHaveLength(raw.length);
        for (const line of out) expect(JSON.parse(line)).toMatchObject({ class_uid: expect.any(Number), metadata: expect.any(Object) });
      }
    } finally {
      await sim.close();
    }
  }, 120_000);
});
