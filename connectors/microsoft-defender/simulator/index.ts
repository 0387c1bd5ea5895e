import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { badRequest, forbidden, odataError, throttled, unauthorized, unavailable, type Answer } from './answers.ts';
import { Credentials } from './credentials.ts';
import { graphRoutes, type Route } from './graph-routes.ts';
import { mdeRoutes } from './mde-routes.ts';
import { ODataRequestError } from './odata.ts';
import { TENANT_ID } from './records.ts';
import { SimState } from './state.ts';
import { TOKEN_PATH, resourceOfPath, tokenAnswer, type SimulatedApp } from './token-endpoint.ts';

export interface DefenderSimulatorOptions extends SimulatorOptions {
  /** Refuse a token the simulator issued when it is presented to the other API (Graph vs Defender). */
  readonly strictAudience?: boolean;
  /** Serve data for these streams only (default all four); the others stay empty. */
  readonly streams?: readonly (typeof STREAMS)[number][];
}

export interface DefenderSimulatorHandle extends SimulatorHandle {
  /** The app registration its token endpoint accepts. */
  readonly app: SimulatedApp;
  /** `<login_url>/<tenant>/oauth2/v2.0/token` of the simulator. */
  readonly tokenUrl: string;
  /** Takes an application permission away from the app (its requests get 403), or gives it back. */
  deny(permission: string, denied?: boolean): void;
  /** Devices currently isolated, and every machine action created. */
  readonly state: SimState;
}

/** The Graph description this simulator's Graph traffic is checked against (the MDE API has none). */
const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/microsoft-graph/graph-v1.0-security-core.openapi.json', import.meta.url));
const GRAPH_PREFIX = /^\/v1\.0(?=\/)/;
const STREAMS = ['alerts', 'incidents', 'devices', 'vulnerabilities'] as const;

function send(response: ServerResponse, answer: Answer): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status, { ...answer.headers });
    response.end();
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json; odata.metadata=minimal', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

function parseBody(text: string, type: string | undefined): unknown {
  if (text === '') return undefined;
  if (type?.includes('application/x-www-form-urlencoded')) return new URLSearchParams(text);
  return JSON.parse(text) as unknown;
}

/**
 * A stateful Microsoft Defender tenant on 127.0.0.1: Microsoft Graph security (alerts_v2, incidents,
 * runHuntingQuery; under /v1.0, or without the prefix as Prism relays it), the Defender for Endpoint API
 * (/api/machines, software vulnerabilities, isolate and unisolate) and the Entra ID v2.0 token endpoint.
 * Each endpoint follows the Microsoft page cited at its route; errors are OData error bodies.
 */
export async function startDefenderSimulator(options: DefenderSimulatorOptions): Promise<DefenderSimulatorHandle> {
  const state = new SimState(options.clock);
  const app: SimulatedApp = { tenantId: TENANT_ID, clientId: '5e0c8b7a-3f7d-4f61-9a55-0d8f4b3c2a10', clientSecret: 'sim-client-secret-do-not-use' };
  // Only an empty page needs a continuation (a request carrying a `$skiptoken`): Defender has no page
  // token that expires, so an injected expire-page-token would meet any request.
  const faults = new FaultQueue({ continuationOnly: ['empty-page'] });
  const credentials = new Credentials();
  const requests: SimulatorRequest[] = [];
  const routes: Route[] = [...graphRoutes(state), ...mdeRoutes()];
  const served: readonly string[] = options.streams ?? STREAMS;
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    const method = request.method ?? 'GET';
    const path = url.pathname.replace(GRAPH_PREFIX, '');
    const log = (answer: Answer, fault?: SimulatorRequest['fault']) => {
      requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault } : {}) });
      send(response, answer);
    };
    const tenant = TOKEN_PATH.exec(url.pathname)?.[1];
    if (tenant !== undefined && method === 'POST') {
      const form = new URLSearchParams(request.body);
      return log(tokenAnswer(app, decodeURIComponent(tenant), form, request.headers.authorization, (resource) => credentials.issue(resource)));
    }
    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    // Injected faults hit the listings of the streams served (and the actions), never an idle stream's.
    const faultable = route?.stream === undefined || served.includes(route.stream);
    const fault = faultable ? faults.take({ continuation: url.searchParams.has('$skiptoken') }) : undefined;
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (fault?.kind === 'unauthorized-once' && token !== undefined) credentials.revoke(token);
    if (!credentials.accepts(token, options.strictAudience ? resourceOfPath(path) : undefined)) return log(unauthorized(), fault?.kind);
    if (fault?.kind === 'rate-limit') return log(throttled(fault.retryAfterSeconds), fault.kind);
    if (fault?.kind === 'server-errors') return log(unavailable(), fault.kind);
    if (!route) return log(odataError(routes.some((r) => r.pattern.test(path)) ? 405 : 400, 'BadRequest', `Resource not found for the segment '${path}'.`), fault?.kind);
    if (state.denied.has(route.permission)) return log(forbidden(route.permission), fault?.kind);
    let answer: Answer;
    try {
      const body = parseBody(request.body, request.headers['content-type']);
      answer = route.handle({ state, url, params: route.pattern.exec(path)!.slice(1).map(decodeURIComponent), body, emptyPage: fault?.kind === 'empty-page' });
    } catch (error) {
      if (error instanceof ODataRequestError) answer = error.answer;
      else if (error instanceof SyntaxError) answer = badRequest('BadRequest', 'The request body is not valid JSON.');
      else throw error;
    }
    if (fault?.kind === 'malformed-json' && answer.status < 300) {
      requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, fault: fault.kind });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body).slice(0, 40));
      return;
    }
    log(answer, fault?.kind);
  });
  const own = (stream: string) => state.dataset(stream);
  return {
    baseUrl: server.url,
    configuration: { tenant_id: app.tenantId, base_url: `${server.url}/v1.0`, mde_url: server.url, login_url: server.url, page_size: options.pageSize, mde_page_size: options.pageSize },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json', 'empty-page'], newestFirst: true, equalTimestampsAtBoundary: true },
    streams: served,
    contract: {
      spec: SPEC,
      source: "Microsoft Graph v1.0 security core (alerts_v2, incidents, runHuntingQuery), trimmed from Microsoft's msgraph-metadata OpenAPI; Defender for Endpoint publishes none, so its traffic goes to the simulator directly",
    },
    // The vault's Entra ID credential, with the simulator as the authority host.
    vaultCredentials: { authType: 'azure_ad', credentials: { tenant_id: app.tenantId, client_id: app.clientId, client_secret: app.clientSecret, authority_host: server.url } },
    app,
    tokenUrl: `${server.url}/${app.tenantId}/oauth2/v2.0/token`,
    state,
    deny: (permission, denied = true) => (denied ? state.denied.add(permission) : state.denied.delete(permission)),
    seed: (stream, seed) => own(stream).seed(seed.count, seed.equalTimestampsAtBoundary ? { pageSize: options.pageSize } : undefined),
    records: (stream) => own(stream).list('id').map((entry) => entry.record),
    mutate: (stream, change) => own(stream).mutate(change),
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
  };
}

/** The conformance suite's entry point. */
const simulator: SimulatorFactory = (options) => startDefenderSimulator(options);
export default simulator;
