import type { ScaffoldNames } from '../scaffold-names.ts';
import { FIXTURE_NOW, FIXTURE_PAGE_SIZE, fixtureBaseUrl } from './fixtures.ts';

/** The shared suite, exactly as every connector runs it. */
export function connectorTestFile(): string {
  return `import { describeConformance } from '@patchbay/conformance/vitest';
import connector from './connector.ts';
import simulator from './simulator/index.ts';

describeConformance(connector, simulator);
`;
}

export function mapperTestFile(n: ScaffoldNames): string {
  return `import { fileURLToPath } from 'node:url';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { loadFixtures } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { ${n.mapFunction}, type ${n.recordType} } from './${n.record}.ts';

const meta: MapMeta = {
  connector: { id: '${n.id}', name: ${JSON.stringify(n.name)}, vendor: ${JSON.stringify(n.vendor)}, version: '0.1.0' },
  stream: '${n.stream}',
  instanceId: 'test',
  receivedAt: new Date('${FIXTURE_NOW}'),
};

function expectValid(record: unknown): void {
  const result = validateRecord(record);
  expect(result.valid ? [] : result.errors).toEqual([]);
}

describe('${n.mapFunction}', () => {
  it('maps every ${n.record} of the fixtures to valid OCSF, keeping unknown fields under unmapped', async () => {
    const pages = await loadFixtures(fileURLToPath(new URL('../fixtures/${n.stream}-pages.json', import.meta.url)));
    const raws = pages.exchanges.flatMap((exchange) => (exchange.response.body as { json: { data: ${n.recordType}[] } }).json.data);
    expect(raws).toHaveLength(3);
    for (const raw of raws) expectValid(${n.mapFunction}(raw, meta));
    expect(${n.mapFunction}(raws[0]!, meta)).toMatchObject({
      severity_id: 5,
      status_id: 1,
      finding_info: { uid: raws[0]!.id },
      device: { hostname: 'ws-042.corp.example' },
      unmapped: { rule_id: 'rule-1' },
    });
  });

  it('follows the vendor severity scale', () => {
    const base = { id: 'x', title: 't', status: 'new', created_at: '${FIXTURE_NOW}', updated_at: '${FIXTURE_NOW}', hostname: null } as const;
    const ids = (['low', 'medium', 'high', 'critical'] as const).map((severity) => ${n.mapFunction}({ ...base, severity }, meta).severity_id);
    expect(ids).toEqual([2, 3, 4, 5]);
  });
});
`;
}

export function streamTestFile(n: ScaffoldNames): string {
  const s = n.streamBinding;
  return `import { fileURLToPath } from 'node:url';
import { bearerAuth, createHttpClient, resolveAllowedHosts, type ConnectorContext, type Transport } from '@patchbay/sdk';
import { createFakeLogger, loadFixtures, replayTransport } from '@patchbay/sdk/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { afterEach, describe, expect, it } from 'vitest';
import connector, { config, type ${n.typePrefix}Config } from '../connector.ts';
import type { ${n.recordType} } from '../mappers/${n.record}.ts';
import start${n.typePrefix}Simulator, { type ${n.typePrefix}Simulator } from '../simulator/index.ts';
import { ${s} } from './${n.stream}.ts';

const TOKEN = 'test-token';
const fixture = (name: string) => loadFixtures(fileURLToPath(new URL(\`../fixtures/\${name}\`, import.meta.url)));

/** What the engine hands the stream: config parsed, the SSRF guard on the declared hosts, bearer auth. */
function contextFor(configuration: Readonly<Record<string, unknown>>, clock: ManualClock, options: { token?: string; transport?: Transport } = {}): ConnectorContext<${n.typePrefix}Config> {
  const parsed = config.parse(configuration);
  const http = createHttpClient({
    baseUrl: parsed.base_url,
    allowedHosts: resolveAllowedHosts(connector.allowedHosts, parsed),
    allowPrivateNetwork: true,
    auth: bearerAuth({ token: new Secret(options.token ?? TOKEN) }),
    clock,
    retry: { maxAttempts: 1 },
    ...(options.transport ? { transport: options.transport } : {}),
  });
  return { config: parsed, http, log: createFakeLogger(), clock, signal: new AbortController().signal, instanceId: 'test' };
}

/** The ids a run yields, and the checkpoint after its last page. */
async function run(pages: AsyncIterable<{ readonly records: readonly ${n.recordType}[]; readonly checkpoint: unknown }>): Promise<{ ids: string[]; checkpoint: unknown }> {
  const ids: string[] = [];
  let checkpoint: unknown;
  for await (const page of pages) {
    ids.push(...page.records.map((record) => record.id));
    checkpoint = page.checkpoint;
  }
  return { ids, checkpoint };
}

describe('${n.stream} stream', () => {
  let simulator: ${n.typePrefix}Simulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('reads every page from the simulator, then only what changed since its checkpoint', async () => {
    const clock = new ManualClock('${FIXTURE_NOW}');
    simulator = await start${n.typePrefix}Simulator({ pageSize: 2, clock, token: TOKEN });
    simulator.seed('${n.stream}', { count: 5, equalTimestampsAtBoundary: true });
    const first = await run(${s}.fetch(contextFor(simulator.configuration, clock), undefined));
    expect(first.ids).toEqual(simulator.records('${n.stream}').map((record) => (record as ${n.recordType}).id));
    const stored = ${s}.checkpoint.parse(JSON.parse(JSON.stringify(first.checkpoint)));

    clock.advance(60_000);
    simulator.mutate('${n.stream}', { create: 1, update: 1 });
    const second = await run(${s}.fetch(contextFor(simulator.configuration, clock), stored));
    expect(second.ids).toEqual(['${n.record}-000001', '${n.record}-000006']);
  });

  it('reports an expired cursor as PAGE_TOKEN_EXPIRED, so the engine restarts from the checkpoint', async () => {
    const clock = new ManualClock('${FIXTURE_NOW}');
    simulator = await start${n.typePrefix}Simulator({ pageSize: 2, clock, token: TOKEN });
    simulator.seed('${n.stream}', { count: 5 });
    simulator.inject({ kind: 'expire-page-token' });
    await expect(run(${s}.fetch(contextFor(simulator.configuration, clock), undefined))).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
    expect(simulator.requests.map((request) => request.status)).toEqual([200, 410]);
  });

  it('replays the hand-written fixtures without the network', async () => {
    const replay = replayTransport(await fixture('${n.stream}-pages.json'));
    const context = contextFor({ base_url: '${fixtureBaseUrl(n)}', page_size: ${FIXTURE_PAGE_SIZE} }, new ManualClock('${FIXTURE_NOW}'), { transport: replay });
    expect((await run(${s}.fetch(context, undefined))).ids).toEqual(['${n.record}-1', '${n.record}-2', '${n.record}-3']);
    replay.assertAllUsed();
  });

  it('reports a rejected token as VENDOR_AUTH_FAILED', async () => {
    const replay = replayTransport(await fixture('unauthorized.json'));
    const context = contextFor({ base_url: '${fixtureBaseUrl(n)}' }, new ManualClock('${FIXTURE_NOW}'), { transport: replay, token: 'revoked' });
    await expect(connector.validate!(context)).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });
});
`;
}
