import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearerAuth, createHttpClient, resolveAllowedHosts, type AnyStream } from '@patchbay/sdk';
import { loadFixtures, replayTransport, startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { credentialsFromEnv } from '../record/env-credentials.ts';
import { loadConnector } from '../record/load-connector.ts';
import { recordStream } from '../record/record-stream.ts';
import { stderrLogger } from '../record/stderr-logger.ts';
import { scaffoldConnector } from '../scaffold/scaffold-connector.ts';
import { createScaffoldWorkspace, type ScaffoldWorkspace } from '../scaffold/test-workspace.ts';
import { registerConnectorRecord } from './connector-record.ts';

const TOKEN = 's3cr3t-live-token-123';
const SESSION = 'abc-session-xyz-789';

/** When the vendor's alerts changed: just before the stream's clock reads now (the real one, or a test's). */
let vendorNow = () => Date.now();

/** A live vendor on 127.0.0.1 that echoes its secrets back, the way careless APIs do. */
function vendor(): Promise<LocalServer> {
  return startLocalServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token"}');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://vendor');
    const second = url.searchParams.get('cursor') === 'c2';
    const alert = (n: number) => ({ id: `alert-${n}`, title: `Alert ${n}`, severity: 'high', status: 'new', created_at: '2026-04-30T08:00:00Z', updated_at: new Date(vendorNow() - (3 - n) * 3_600_000).toISOString(), hostname: null, note: `seen with ${TOKEN}`, session_token: SESSION });
    response.writeHead(200, { 'content-type': 'application/json', 'x-echo': TOKEN });
    response.end(JSON.stringify({ data: [alert(second ? 2 : 1)], meta: { next_cursor: second ? null : 'c2' } }));
  });
}

async function record(args: readonly string[]): Promise<{ out: string; err: string }> {
  const group = new Command('connector').exitOverride();
  registerConnectorRecord(group);
  for (const sub of group.commands) sub.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    await group.parseAsync(['record', ...args], { from: 'user' });
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { out, err };
}

describe('patchbay connector record', () => {
  let ws: ScaffoldWorkspace;
  let server: LocalServer;
  const recorded = () => join(ws.connectorsDir, 'acme-edr', 'fixtures', 'recorded', 'alerts.json');

  beforeAll(async () => {
    ws = createScaffoldWorkspace();
    scaffoldConnector(ws.connectorsDir, { id: 'acme-edr' });
    server = await vendor();
  });
  afterAll(async () => {
    await server.close();
    ws.remove();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    process.exitCode = undefined;
    vendorNow = () => Date.now();
  });

  it('records the stream through the live API with the credentials from the environment, and writes no secret', async () => {
    vi.stubEnv('PATCHBAY_CREDENTIAL_TOKEN', TOKEN);
    const { out } = await record(['acme-edr', '--base-url', server.url, '--allow-private-network', '--pages', '5', '--config', '{"page_size":1}', '--dir', ws.connectorsDir]);
    // Two pages of alerts, then the incremental cursor's closing page.
    expect(out).toContain('recorded 2 exchanges (3 pages, 2 records of alerts)');
    expect(process.exitCode).toBeUndefined();
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

    const text = readFileSync(recorded(), 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SESSION);
    expect(text).not.toMatch(/authorization/i);
    const fixtures = await loadFixtures(recorded());
    expect(fixtures.exchanges.map((e) => e.response.status)).toEqual([200, 200]);
    expect(fixtures.exchanges[0]!.response.headers['x-echo']).toBe('[REDACTED]');
    expect(fixtures.exchanges[1]!.request.url).toContain('cursor=c2');
    expect(fixtures.exchanges[0]!.response.body).toMatchObject({ json: { data: [{ note: 'seen with [REDACTED]', session_token: '[REDACTED]' }] } });
  });

  it('keeps the exchanges up to a failure, and reports it', async () => {
    vi.stubEnv('PATCHBAY_CREDENTIAL_TOKEN', 'a-revoked-token');
    const { err } = await record(['acme-edr', '--base-url', server.url, '--allow-private-network', '--dir', ws.connectorsDir]);
    expect(err).toContain('stopped early: [VENDOR_AUTH_FAILED]');
    expect(process.exitCode).toBe(1);
    const fixtures = await loadFixtures(recorded());
    expect(fixtures.exchanges.map((e) => e.response.status)).toEqual([401]);
    expect(readFileSync(recorded(), 'utf8')).not.toContain('a-revoked-token');
  });

  it('refuses a local address without --allow-private-network, and missing credentials', async () => {
    vi.stubEnv('PATCHBAY_CREDENTIAL_TOKEN', TOKEN);
    const blocked = await record(['acme-edr', '--base-url', server.url, '--dir', ws.connectorsDir]);
    expect(blocked.err).toContain('[PRIVATE_NETWORK_BLOCKED]');
    vi.stubEnv('PATCHBAY_CREDENTIAL_TOKEN', '');
    await expect(record(['acme-edr', '--base-url', server.url, '--dir', ws.connectorsDir])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'PATCHBAY_CREDENTIAL_TOKEN' });
  });

  it('names the credential environment variables in its help', () => {
    const group = new Command('connector');
    registerConnectorRecord(group);
    let shown = '';
    group.commands[0]!.configureOutput({ writeOut: (text) => (shown += text) }).outputHelp();
    expect(shown).toContain('--base-url');
    expect(shown).toContain('PATCHBAY_CREDENTIAL_TOKEN');
    expect(shown).toContain('PATCHBAY_CREDENTIAL_ACCESS_TOKEN');
  });

  it('writes fixtures the stream replays without the network', async () => {
    const connector = await loadConnector(ws.connectorsDir, 'acme-edr');
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    vendorNow = () => clock.now().getTime();
    const summary = await recordStream({
      connector,
      baseUrl: server.url,
      configuration: { page_size: 1 },
      pages: 10,
      allowPrivateNetwork: true,
      credentials: credentialsFromEnv(connector, { PATCHBAY_CREDENTIAL_TOKEN: TOKEN }, {}),
      outDir: join(ws.connectorsDir, 'acme-edr', 'fixtures', 'recorded'),
      clock,
      log: stderrLogger('error'),
      signal: new AbortController().signal,
    });
    expect(summary).toMatchObject({ stream: 'alerts', records: 2, exchanges: 2, invalid: [], error: undefined });
    const replay = replayTransport(await loadFixtures(summary.file));
    const stream = connector.streams![0] as AnyStream;
    const config = connector.config.parse({ base_url: server.url, page_size: 1 }) as Record<string, unknown>;
    const http = createHttpClient({ baseUrl: server.url, allowedHosts: resolveAllowedHosts(connector.allowedHosts, config), allowPrivateNetwork: true, transport: replay, clock, auth: bearerAuth({ token: new Secret('a-token-the-replay-ignores') }) });
    const ids: string[] = [];
    for await (const page of stream.fetch({ config, http, log: stderrLogger('error'), clock, signal: new AbortController().signal, instanceId: 'replay' }, undefined)) {
      ids.push(...page.records.map((r: { id: string }) => r.id));
    }
    expect(ids).toEqual(['alert-1', 'alert-2']);
    replay.assertAllUsed();
  });
});
