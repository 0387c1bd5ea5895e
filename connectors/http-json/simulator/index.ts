import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { httpJsonConfig } from '../config.ts';
import { mappingOf, toItem } from '../streams/item.ts';
import { simulatorConfiguration } from './configuration.ts';
import { presentedCredential, Revocations } from './credentials.ts';
import { Dataset } from './dataset.ts';
import { PageTokens } from './page-tokens.ts';
import { serveListing, type Answer, type PagingMode } from './serve-listing.ts';

export interface HttpJsonSimulatorOptions extends SimulatorOptions {
  /** How the simulated API pages (default cursor). */
  readonly mode?: PagingMode;
  /** Hand out an incremental configuration (cursor_field updated_at; default) or a full-refresh one. */
  readonly incremental?: boolean;
}

const SPEC = fileURLToPath(new URL('./openapi.json', import.meta.url));

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

/** The answer an injected fault replaces the normal one with (page faults are handled by the listing). */
function faultAnswer(fault: Fault): Answer | undefined {
  switch (fault.kind) {
    case 'rate-limit':
      return { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds) }, body: { error: 'rate_limited', message: 'Too many requests' } };
    case 'server-errors':
      return { status: 503, body: { error: 'unavailable', message: 'Temporarily unavailable' } };
    default:
      return undefined;
  }
}

/**
 * A stateful generic JSON REST API on 127.0.0.1 (protocol in the connector README): GET /records with
 * since/until filters and cursor, Link, offset or page-number paging, several auth forms, and the
 * conformance suite's faults on demand.
 */
export async function startHttpJsonSimulator(options: HttpJsonSimulatorOptions): Promise<SimulatorHandle> {
  const mode = options.mode ?? 'cursor';
  const incremental = options.incremental ?? true;
  const newestFirst = incremental && options.newestFirst === true;
  const dataset = new Dataset(options.clock);
  const tokens = new PageTokens();
  const faults = new FaultQueue();
  const revoked = new Revocations();
  const requests: SimulatorRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const query = Object.fromEntries(url.searchParams);
    const fault = faults.take({ continuation: tokenPaging(mode) && url.searchParams.has('cursor') });
    const credential = presentedCredential(request.headers, url.searchParams);
    let answer: Answer;
    if (fault?.kind === 'unauthorized-once' && credential !== undefined) revoked.revoke(credential);
    if (!revoked.accepts(credential)) answer = { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'unauthorized', message: 'Missing or revoked credentials' } };
    else if (fault && faultAnswer(fault)) answer = faultAnswer(fault)!;
    else if (request.method !== 'GET' || url.pathname !== '/records') answer = { status: 404, body: { error: 'not_found', message: `No route ${request.method} ${url.pathname}` } };
    else {
      const pageFault = fault?.kind === 'expire-page-token' || fault?.kind === 'empty-page' ? fault.kind : undefined;
      answer = serveListing({ path: url.pathname, query: url.searchParams, mode, newestFirst, ...(pageFault ? { fault: pageFault } : {}) }, dataset, tokens);
    }
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query, status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    if (fault?.kind === 'malformed-json' && answer.status === 200) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body).slice(0, 20));
      return;
    }
    send(response, answer);
  });
  const configuration = simulatorConfiguration({ baseUrl: server.url, mode, pageSize: options.pageSize, incremental, newestFirst });
  const mapping = mappingOf(httpJsonConfig.parse(configuration));
  const stream = incremental ? 'records' : 'inventory';
  const own = (name: string) => {
    if (name !== stream) throw new Error(`The http-json simulator serves stream ${stream}, not ${name}`);
  };
  return {
    baseUrl: server.url,
    configuration,
    capabilities: {
      faults: tokenPaging(mode)
        ? ['rate-limit', 'unauthorized-once', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page']
        : ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json'],
      newestFirst: incremental,
      equalTimestampsAtBoundary: true,
    },
    streams: [stream],
    contract: { spec: SPEC, source: "Patchbay's own OpenAPI description of the http-json simulator (a generic API has no vendor description)" },
    // It takes any bearer token it has not revoked.
    vaultCredentials: { authType: 'bearer', credentials: { token: 'simulator-token' } },
    seed(name, seed) {
      own(name);
      dataset.seed(seed.count, seed.equalTimestampsAtBoundary ? { pageSize: options.pageSize, newestFirst } : undefined);
    },
    records(name) {
      own(name);
      return dataset.list({ newestFirst: false }).map((record) => toItem(record, mapping));
    },
    mutate(name, change) {
      own(name);
      dataset.mutate(change);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
  };
}

function tokenPaging(mode: PagingMode): boolean {
  return mode === 'cursor' || mode === 'link';
}

/** The conformance suite's entry point: cursor paging, incremental on updated_at. */
const simulator: SimulatorFactory = (options) => startHttpJsonSimulator(options);
export default simulator;
