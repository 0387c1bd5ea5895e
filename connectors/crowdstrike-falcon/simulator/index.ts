import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { BadRequest, failure, type Answer } from './answer.ts';
import { alertKind } from './data/alerts.ts';
import { Collection } from './data/collection.ts';
import { hostKind } from './data/hosts.ts';
import { vulnerabilityKind } from './data/vulnerabilities.ts';
import { PageTokens } from './page-tokens.ts';
import { RateWindow } from './rate-window.ts';
import { issueToken, TokenRegistry, type TokenEndpointOptions } from './routes/oauth.ts';
import { ALL_SCOPES, ROUTES, type SimulatedData } from './routes/table.ts';

export interface CrowdStrikeSimulatorOptions extends SimulatorOptions, TokenEndpointOptions {
  /** The scopes of the simulated API client (default: every scope the connector uses); other routes answer 403. */
  readonly scopes?: readonly string[];
  /** Announce data for these streams only (default all three); the others stay empty and see no injected fault. */
  readonly streams?: readonly (typeof STREAMS)[number][];
}

export interface CrowdStrikeSimulatorHandle extends SimulatorHandle {
  readonly data: SimulatedData;
}

/** The derived Swagger skeleton of the Falcon API (paths and parameters, no response schemas). */
const STREAMS = ['alerts', 'hosts', 'vulnerabilities'] as const;
const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/crowdstrike/falcon-derived-skeleton.swagger.json', import.meta.url));

function send(response: ServerResponse, answer: Answer, headers: Record<string, string>, malformed: boolean): void {
  response.writeHead(answer.status, { 'content-type': 'application/json', ...headers, ...answer.headers });
  const text = JSON.stringify(answer.body);
  response.end(malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}

function bodyOf(request: IncomingMessage & { body: string }): unknown {
  if (request.body === '') return undefined;
  try {
    return JSON.parse(request.body);
  } catch {
    throw new BadRequest('The body is not JSON');
  }
}

/** The answer an injected fault gives instead of the route's (page faults are the routes' own). */
function faultAnswer(fault: Fault | undefined, rate: RateWindow): Answer | undefined {
  if (fault?.kind === 'rate-limit') return failure(429, 'API rate limit exceeded.', rate.exhausted(fault.retryAfterSeconds));
  if (fault?.kind === 'server-errors') return failure(500, 'Internal Server Error: please try again');
  return undefined;
}

/**
 * A stateful CrowdStrike Falcon API on 127.0.0.1: the OAuth2 token endpoint, the Alerts v2 query/entities/
 * update endpoints, the hosts scroll, details and containment actions, and Spotlight's combined
 * vulnerabilities listing, each following its documented protocol (see routes/*.ts for the pages).
 * Every answer carries X-RateLimit-Limit and X-RateLimit-Remaining; errors use Falcon's envelope.
 */
export async function startCrowdStrikeSimulator(options: CrowdStrikeSimulatorOptions): Promise<CrowdStrikeSimulatorHandle> {
  const { clock } = options;
  const data: SimulatedData = {
    alerts: new Collection(clock, alertKind),
    hosts: new Collection(clock, hostKind),
    vulnerabilities: new Collection(clock, vulnerabilityKind),
    tokens: new PageTokens(clock),
  };
  const registry = new TokenRegistry(clock);
  const faults = new FaultQueue();
  const rate = new RateWindow(clock);
  const scopes = new Set(options.scopes ?? ALL_SCOPES);
  const requests: SimulatorRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/oauth2/token') {
      const answer = issueToken(request.headers, request.body, registry, options);
      requests.push({ method, path: url.pathname, query: {}, status: answer.status });
      send(response, answer, rate.count(), false);
      return;
    }
    const route = ROUTES.find((r) => r.method === method && r.path === url.pathname);
    const continuation = route?.continuation !== undefined && url.searchParams.has(route.continuation);
    // Restricted to some streams, the simulator aims the suite's faults at their traffic only.
    const targeted = options.streams === undefined || (route?.stream !== undefined && options.streams.includes(route.stream));
    const fault = targeted ? faults.take({ continuation }) : undefined;
    const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (fault?.kind === 'unauthorized-once' && token !== undefined) registry.revoke(token);
    let answer: Answer;
    if (!registry.accepts(token)) answer = failure(401, 'access denied, invalid bearer token');
    else if (faultAnswer(fault, rate)) answer = faultAnswer(fault, rate)!;
    else if (!route) answer = failure(404, `No route ${method} ${url.pathname}`);
    else if (!scopes.has(route.scope)) answer = failure(403, 'access denied, authorization failed');
    else {
      try {
        const pageFault = fault?.kind === 'expire-page-token' || fault?.kind === 'empty-page' ? fault.kind : undefined;
        answer = route.serve({ query: url.searchParams, body: bodyOf(request), data, ...(pageFault ? { pageFault } : {}) });
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        answer = failure(400, error.message);
      }
    }
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    send(response, answer, answer.status === 429 ? {} : rate.count(), fault?.kind === 'malformed-json' && answer.status === 200);
  });
  const collection = (stream: string) => {
    if (stream === 'alerts') return data.alerts;
    if (stream === 'hosts') return data.hosts;
    if (stream === 'vulnerabilities') return data.vulnerabilities;
    throw new Error(`The CrowdStrike simulator has no stream ${stream}`);
  };
  return {
    baseUrl: server.url,
    configuration: { base_url: server.url, token_url: `${server.url}/oauth2/token`, page_size: options.pageSize },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams: options.streams ?? STREAMS,
    // Any non-empty client id and secret unless `clients` names them; CrowdStrike takes them in the form body.
    vaultCredentials: {
      authType: 'oauth2_client_credentials',
      credentials: { client_id: Object.keys(options.clients ?? {})[0] ?? 'falcon-client', client_secret: Object.values(options.clients ?? {})[0] ?? 'falcon-secret-0123456789', token_url: `${server.url}/oauth2/token` },
    },
    contract: { spec: SPEC, source: 'the Falcon API Swagger skeleton derived from falconpy\'s endpoint tables (paths and parameters; no response schemas)' },
    seed(stream, seed) {
      // Hosts are listed by device id, so equal timestamps there would change nothing; the incremental streams get them.
      collection(stream).seed(seed.count, seed.equalTimestampsAtBoundary && stream !== 'hosts' ? options.pageSize : undefined);
    },
    records: (stream) => (stream === 'hosts' ? data.hosts.byKey() : collection(stream).list()),
    mutate: (stream, change) => collection(stream).mutate(change),
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    data,
    close: () => server.close(),
  };
}

/** The conformance suite's entry point: all three streams, every fault, the derived skeleton as contract. */
const simulator: SimulatorFactory = (options) => startCrowdStrikeSimulator(options);
export default simulator;
