import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, runAction } from '@patchbay/conformance';
import connector from './connector.ts';
import { startCrowdStrikeSimulator, type CrowdStrikeSimulatorHandle } from './simulator/index.ts';
import { alerts } from './streams/alerts.ts';
import { hosts } from './streams/hosts.ts';
import { vulnerabilities } from './streams/vulnerabilities.ts';
import { testBed, type TestBed } from './test-bed.ts';

interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly { readonly name: string; readonly in: string; readonly required?: boolean; readonly maximum?: number }[];
}

/** falconpy's endpoint table (all 1374 operations), the fullest public list of Falcon operations and parameters. */
const table = JSON.parse(readFileSync(new URL('../../../shared/vendor/specs/crowdstrike/falconpy-endpoints.json', import.meta.url), 'utf8')) as { operations?: Operation[] } & Record<string, unknown>;
const operations: Operation[] = Array.isArray(table.operations) ? table.operations : (Object.values(table).find(Array.isArray) as Operation[]);

function operationOf(method: string, path: string): Operation | undefined {
  return operations.find((op) => op.method === method && op.path === path);
}

describe('crowdstrike-falcon requests against falconpy\'s endpoint table', () => {
  let bed: TestBed | undefined;
  let sim: CrowdStrikeSimulatorHandle | undefined;
  afterEach(async () => {
    await (bed ?? sim)?.close();
    bed = undefined;
    sim = undefined;
  });

  it('every request the streams and actions send is a listed operation, with listed query parameters and required ones present', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    bed = await testBed(clock);
    for (const stream of ['alerts', 'hosts', 'vulnerabilities']) bed.simulator.seed(stream, { count: 9 });
    for (const stream of [alerts, hosts, vulnerabilities] as const) for await (const _page of (stream.fetch as (ctx: unknown, cp: unknown) => AsyncIterable<unknown>)(bed.ctx, undefined));
    const sim = bed.simulator;
    const host = sim.data.hosts.byKey()[0]!.device_id;
    const call = { connector, simulator: sim, clock };
    await runAction(call, 'contain-host', { device_id: host });
    await runAction(call, 'lift-containment', { device_id: host });
    await runAction(call, 'update-alert', { composite_id: sim.data.alerts.list()[0]!.composite_id, status: 'in_progress', comment: 'triage' });

    const seen = new Set<string>();
    for (const request of sim.requests.filter((r) => r.path !== '/oauth2/token')) {
      const op = operationOf(request.method, request.path);
      expect(op, `${request.method} ${request.path}`).toBeDefined();
      seen.add(op!.operationId);
      const names = new Set(op!.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of Object.keys(request.query)) expect(names.has(name), `${op!.operationId} has no query parameter ${name}`).toBe(true);
      for (const p of op!.parameters.filter((p) => p.in === 'query' && p.required)) expect(request.query[p.name], `${op!.operationId} needs ${p.name}`).toBeDefined();
      const limit = op!.parameters.find((p) => p.name === 'limit');
      if (limit?.maximum !== undefined && request.query.limit !== undefined) expect(Number(request.query.limit)).toBeLessThanOrEqual(limit.maximum);
    }
    // falconpy lists POST /devices/entities/devices/v2 twice (GetDeviceDetails and PostDeviceDetailsV2); the first is found.
    expect([...seen].sort()).toEqual(['GetQueriesAlertsV2', 'PatchEntitiesAlertsV3', 'PerformActionV2', 'GetDeviceDetails', 'PostEntitiesAlertsV2', 'QueryDevicesByFilterScroll', 'combinedQueryVulnerabilities'].sort());
    expect(operationOf('POST', '/oauth2/token')!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['client_id', 'client_secret']));
  });

  it('the simulator\'s token endpoint takes client_id and client_secret as form fields and answers 201 (CrowdStrike\'s status)', async () => {
    sim = await startCrowdStrikeSimulator({ pageSize: 5, clock: new AutoAdvanceClock(), clients: { 'my-client': 'my-secret' } });
    const post = (body: Record<string, string>) => fetch(`${sim!.baseUrl}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    const good = await post({ client_id: 'my-client', client_secret: 'my-secret' });
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ token_type: 'bearer', expires_in: 1799, access_token: expect.any(String) });
    expect((await post({ client_id: 'my-client', client_secret: 'wrong' })).status).toBe(403);
    expect((await post({ client_id: 'my-client' })).status).toBe(400);
  });
});
