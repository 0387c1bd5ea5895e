import type { ServerResponse } from 'node:http';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { Collection } from './collection.ts';
import { presentedAccessKey, RevokedKeys } from './credentials.ts';
import { ExportJobs } from './export-jobs.ts';
import { assetKind, scanKind, vulnKind } from './kinds.ts';
import { exportIdOf, route, type TenableState } from './routes.ts';
import { tenableError, type Answer } from './tenable-errors.ts';

export const simulatedStreams = ['vulnerabilities', 'assets', 'scans'] as const;
export type SimulatedStream = (typeof simulatedStreams)[number];

export interface TenableSimulatorOptions extends SimulatorOptions {
  /** The streams this simulator serves data for (default all three); the others stay empty. */
  readonly streams?: readonly SimulatedStream[];
  /**
   * Enforce Tenable's chunk size bounds (num_assets 50-5000, chunk_size 100-10000). Off by default, so
   * that the few records a test seeds still span several chunks of `pageSize`.
   */
  readonly tenableChunkBounds?: boolean;
}

export interface TenableSimulatorHandle extends SimulatorHandle {
  /** The simulated container, for tests that change the API user's role or a scan's permissions. */
  readonly state: TenableState;
}

/** The stream a request belongs to: exports by kind, the scan listing; none for GET /session. */
function streamOf(path: string): SimulatedStream | undefined {
  if (path.startsWith('/vulns/')) return 'vulnerabilities';
  if (path.startsWith('/assets/')) return 'assets';
  return path.startsWith('/scans') ? 'scans' : undefined;
}

function send(response: ServerResponse, answer: Answer, cut: boolean): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', server: 'tenable.io', ...answer.headers });
  response.end(cut ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}

/** The answer an injected fault puts in place of the real one (429 and 503 as Tenable documents them). */
function faultAnswer(fault: Fault | undefined): Answer | undefined {
  if (fault?.kind === 'rate-limit') return tenableError(429, 'You have exceeded the rate limit', { 'retry-after': String(fault.retryAfterSeconds) });
  if (fault?.kind === 'server-errors') return tenableError(503, 'The service is temporarily unavailable');
  return undefined;
}

/**
 * A stateful Tenable Vulnerability Management on 127.0.0.1 (protocol in README.md, "The simulator"):
 * X-ApiKeys authentication, the vulnerability and asset export APIs (request, status, chunks), GET
 * /scans, POST /scans/{id}/launch and GET /session, Tenable's status codes, and the conformance faults.
 */
export async function startTenableSimulator(options: TenableSimulatorOptions): Promise<TenableSimulatorHandle> {
  const served = new Set<string>(options.streams ?? simulatedStreams);
  const state: TenableState = {
    vulns: new Collection(vulnKind, options.clock),
    assets: new Collection(assetKind, options.clock),
    scans: new Collection(scanKind, options.clock),
    jobs: new ExportJobs(),
    role: 64,
    chunkBounds: options.tenableChunkBounds ? { vulns: [50, 5000], assets: [100, 10_000] } : { vulns: [1, 5000], assets: [1, 10_000] },
    now: () => options.clock.now().getTime(),
  };
  const collections: Record<SimulatedStream, Collection> = { vulnerabilities: state.vulns, assets: state.assets, scans: state.scans };
  // An expired "page token" is an export that vanished: only a request naming an export (the continuation
  // here) can meet it. Tenable has no empty page, so that fault would meet any request.
  const faults = new FaultQueue({ continuationOnly: ['expire-page-token'] });
  const revoked = new RevokedKeys();
  const requests: SimulatorRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const exportId = exportIdOf(url.pathname);
    // Faults meet the requests of the streams this simulator serves data for (all three by default).
    const fault = served.has(streamOf(url.pathname) ?? '') ? faults.take({ continuation: exportId !== undefined }) : undefined;
    const key = presentedAccessKey(request.headers);
    if (fault?.kind === 'unauthorized-once' && key !== undefined) revoked.revoke(key);
    if (fault?.kind === 'expire-page-token' && exportId !== undefined) state.jobs.expire(exportId);
    const method = request.method ?? 'GET';
    const answer = !revoked.accepts(key)
      ? tenableError(401, 'Invalid Credentials')
      : (faultAnswer(fault) ?? route(state, { method, path: url.pathname, body: request.body }));
    const cut = fault?.kind === 'malformed-json' && answer.status === 200;
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    send(response, answer, cut);
  });
  const collection = (stream: string): Collection => {
    if (!served.has(stream)) throw new Error(`The tenable-vm simulator serves ${[...served].join(', ')}, not ${stream}`);
    return collections[stream as SimulatedStream];
  };
  return {
    baseUrl: server.url,
    // Until the vault fills a multi-field format, the whole X-ApiKeys value is the stored key (README).
    vaultCredentials: { authType: 'api_key', credentials: { api_key: 'accessKey=simulator-access-key; secretKey=simulator-secret-key;', header_name: 'X-ApiKeys' } },
    configuration: { base_url: server.url, vuln_chunk_size: options.pageSize, asset_chunk_size: options.pageSize, scans_page_size: options.pageSize },
    capabilities: {
      faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'expire-page-token', 'malformed-json'],
      newestFirst: false,
      equalTimestampsAtBoundary: false,
    },
    streams: [...served],
    seed: (stream, seed) => collection(stream).seed(seed.count),
    records: (stream) => collection(stream).all(),
    mutate: (stream, change) => collection(stream).mutate(change),
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    state,
    close: () => server.close(),
  };
}

/** The conformance suite's entry point: all three streams, chunks of the suite's page size. */
const simulator: SimulatorFactory = (options) => startTenableSimulator(options);
export default simulator;
