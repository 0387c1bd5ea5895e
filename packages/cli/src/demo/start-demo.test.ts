import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, systemActor, type Engine } from '@patchbay/engine';
import { openHub, type OpenHub } from '../open-hub.ts';
import { runtimeConfig } from '../runtime-config.ts';
import { demoSources } from './demo-sources.ts';
import { startDemo, type Demo } from './start-demo.ts';

const dir = mkdtempSync(join(tmpdir(), 'patchbay-demo-'));
const logLines: string[] = [];
const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
const open: { hub?: OpenHub; demo?: Demo } = {};

/** Opens the folder in demo mode and sets the demo up, then waits for its first syncs and the tickets they open. */
async function start(): Promise<{ hub: OpenHub; demo: Demo }> {
  const hub = await openHub(runtimeConfig({ dataDir: dir }, {}), log, { demo: true });
  open.hub = hub;
  const demo = await startDemo(hub.engine, log);
  open.demo = demo;
  await hub.engine.sync.idle();
  await hub.engine.tickets.drain();
  return { hub, demo };
}

async function stop(): Promise<void> {
  await open.hub?.engine.sync.shutdown();
  await open.demo?.close();
  await open.hub?.close();
  open.hub = undefined;
  open.demo = undefined;
}

const actorOf = async (engine: Engine) => systemActor((await engine.organizations.list({})).items[0]!.id, 'test');

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo mode: simulators installed as ordinary instances', () => {
  let firstIds: string[] = [];
  let firstUrls: string[] = [];
  const firstRuns: number[] = [];
  let adminToken = '';

  it('installs every simulated vendor active, syncs it, and opens Jira tickets for high and critical vulnerabilities', async () => {
    const { hub, demo } = await start();
    adminToken = hub.initialToken!.token;
    expect(hub.engine.demo).toBe(true);
    const actor = await actorOf(hub.engine);
    expect(demo.instances.map((d) => [d.instance.name, d.instance.status, d.created])).toEqual(demoSources.map((s) => [s.name, 'active', true]));
    for (const [i, { instance }] of demo.instances.entries()) {
      expect(instance.allowPrivateNetwork).toBe(true);
      expect(instance.authConfigId).not.toBeNull();
      expect(instance.configuration).toMatchObject({ base_url: demo.simulators[i]!.baseUrl });
      const executions = (await hub.engine.sync.listExecutions(actor, { instanceId: instance.id })).items;
      expect(executions.length).toBeGreaterThan(0);
      firstRuns.push(executions.length);
      expect(executions.map((e) => `${e.stream}: ${e.status}`)).toEqual(executions.map((e) => `${e.stream}: completed`));
      expect((await hub.engine.records.list(actor, 'records', { instanceId: instance.id })).items.length).toBeGreaterThan(0);
    }
    for (const kind of ['assets', 'vulnerabilities', 'findings', 'incidents', 'identities'] as const) {
      expect((await hub.engine.records.list(actor, kind, {})).items.length, kind).toBeGreaterThan(0);
    }
    const jira = demo.instances.find((d) => d.source.connectorId === 'jira')!.instance;
    const tickets = (await hub.engine.tickets.list(actor, { instanceId: jira.id })).items;
    expect(tickets.length).toBeGreaterThan(0);
    expect(tickets.every((t) => /^SEC-\d+$/.test(t.vendorKey ?? '') && t.slaState === 'running')).toBe(true);
    firstIds = demo.instances.map((d) => d.instance.id);
    firstUrls = demo.simulators.map((s) => s.baseUrl);
    await stop();
  }, 60_000);

  it('a second start on the same folder reuses the instances and points them at the new simulators', async () => {
    const { hub, demo } = await start();
    expect(hub.initialToken).toBeUndefined();
    const actor = await actorOf(hub.engine);
    expect(demo.instances.map((d) => d.instance.id)).toEqual(firstIds);
    expect(demo.instances.every((d) => !d.created && d.instance.status === 'active')).toBe(true);
    expect(demo.simulators.map((s) => s.baseUrl)).not.toEqual(firstUrls);
    const instances = (await hub.engine.instances.list(actor, {})).items;
    expect(instances).toHaveLength(demoSources.length);
    for (const [i, id] of firstIds.entries()) {
      const instance = await hub.engine.instances.get(actor, id);
      expect(instance.configuration).toMatchObject({ base_url: demo.simulators[i]!.baseUrl });
      const executions = (await hub.engine.sync.listExecutions(actor, { instanceId: id })).items;
      // This start's first sync ran too, against the new simulator.
      expect(executions.length).toBe(2 * firstRuns[i]!);
      expect(executions.filter((e) => e.status !== 'completed').map((e) => `${instance.name} ${e.stream}: ${e.status} ${JSON.stringify(e.errorDetails)}`)).toEqual([]);
    }
    expect((await hub.engine.vault.configs.list(actor, {})).items).toHaveLength(demoSources.length);
    expect((await hub.engine.tickets.rules.list(actor, {})).items).toHaveLength(1);
    expect((await hub.engine.tickets.slaPolicies.list(actor, {})).items).toHaveLength(1);
  }, 60_000);

  it('logs no credential of any simulator and no token', () => {
    const text = logLines.join('');
    expect(text).toContain('demo: integration ready');
    const secrets = [adminToken, 'simulator-token', 'simulated-okta-api-token', 'simulated-jira-api-token', 'simulated-secret-access-key', 'simulator-secret-key'];
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
  });
});
