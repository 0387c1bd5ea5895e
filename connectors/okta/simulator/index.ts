import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest, type VaultCredentials } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { OKTA_SCOPES } from '../auth.ts';
import { Directory, byId } from './directory.ts';
import { mutateDirectory } from './mutations.ts';
import { forbidden, insufficientScope, invalidToken, rateLimited, unavailable, type Answer } from './okta-errors.ts';
import { RateWindow } from './rate-window.ts';
import { scopeFor, serveApi } from './serve-api.ts';
import { createServiceApp, type ServiceApp } from './service-app.ts';
import { SystemLog } from './system-log.ts';
import { serveToken } from './token-endpoint.ts';

export const STREAMS = ['users', 'groups', 'group-memberships', 'applications', 'system-log'] as const;

export interface OktaSimulatorOptions extends SimulatorOptions {
  /** The streams this simulator serves data for (default all five). */
  readonly streams?: readonly string[];
}

export interface OktaSimulator extends SimulatorHandle {
  readonly directory: Directory;
  readonly log: SystemLog;
  readonly serviceApp: ServiceApp;
  readonly tokenUrl: string;
  /** Users whose sessions were cleared, in order. */
  readonly clearedSessions: readonly string[];
  /** A credential the org accepts with only these scopes (`SSWS <token>` for an API token, or a bare OAuth access token). */
  grant(credential: string, scopes: readonly string[]): void;
  /** The service app as a vault credential: client credentials with private_key_jwt, token URL at this org. */
  readonly oauthVaultCredentials: VaultCredentials;
}

export const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/okta/management.prism-ready.json', import.meta.url));

function send(response: ServerResponse, answer: Answer, cut = false): void {
  const hasBody = answer.body !== undefined && answer.status !== 204;
  response.writeHead(answer.status, { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...answer.headers });
  if (!hasBody) response.end();
  else {
    const text = JSON.stringify(answer.body);
    response.end(cut ? text.slice(0, Math.max(1, Math.min(25, text.length - 1))) : text);
  }
}

/** The streams whose listings use an endpoint. */
function streamsOf(path: string): readonly string[] {
  if (path === '/api/v1/users') return ['users'];
  if (path === '/api/v1/groups') return ['groups', 'group-memberships'];
  if (/^\/api\/v1\/groups\/[^/]+\/users$/.test(path)) return ['group-memberships'];
  if (path === '/api/v1/apps') return ['applications'];
  if (path === '/api/v1/logs') return ['system-log'];
  return [];
}

/**
 * A stateful Okta org on 127.0.0.1 (README "The simulated org"): the management API endpoints the
 * connector uses, with Okta's Link-header paging, user filters, the System Log polling protocol, error
 * bodies, X-Rate-Limit-* headers, the org authorization server's token endpoint for a service app, and the
 * conformance suite's faults.
 */
export async function startOktaSimulator(options: OktaSimulatorOptions): Promise<OktaSimulator> {
  const directory = new Directory(options.clock);
  const log = new SystemLog(options.clock);
  // Every fault applies to the next API request it is due for (never the token endpoint, answered before
  // faults are taken): Okta has no page faults, so no fault waits for a continuation.
  const faults = new FaultQueue({ continuationOnly: [] });
  const rate = new RateWindow(600);
  const serviceApp = createServiceApp(OKTA_SCOPES);
  const revoked = new Set<string>();
  const limited = new Map<string, readonly string[]>();
  const issued = new Map<string, readonly string[]>();
  const clearedSessions: string[] = [];
  const requests: SimulatorRequest[] = [];
  const streams = options.streams ?? STREAMS;
  let tokens = 0;
  let tokenUrl = '';
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const nowMs = options.clock.now().getTime();
    const record = (answer: Answer, fault?: Fault) => requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    if (request.method === 'POST' && url.pathname === '/oauth2/v1/token') {
      const answer = serveToken(new URLSearchParams(request.body), serviceApp, tokenUrl, nowMs, { issue: (scopes) => { const t = `eyJsim.access.${++tokens}`; issued.set(t, scopes); return t; } });
      record(answer);
      return send(response, answer);
    }
    // Faults go to action requests and to listings of the streams this org serves data for (so a one-stream variant gets them).
    const listing = streamsOf(url.pathname);
    const fault = listing.length === 0 || listing.some((s) => streams.includes(s)) ? faults.take() : undefined;
    const authorization = String(request.headers.authorization ?? '');
    const match = /^(SSWS|Bearer) (\S+)$/.exec(authorization);
    if (fault?.kind === 'unauthorized-once' && match) revoked.add(authorization);
    const rateHeaders = rate.headers(url.pathname, nowMs);
    let answer: Answer;
    const scope = scopeFor(request.method ?? 'GET', url.pathname);
    const scopes = match ? (match[1] === 'Bearer' ? (issued.get(match[2]!) ?? limited.get(match[2]!)) : limited.get(authorization)) : undefined;
    if (!match || revoked.has(authorization)) answer = invalidToken();
    else if (fault?.kind === 'rate-limit') answer = rateLimited({ 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(nowMs / 1000) + fault.retryAfterSeconds + 1) });
    else if (fault?.kind === 'server-errors') answer = unavailable();
    else if (scope && scopes && !scopes.includes(scope)) answer = match[1] === 'Bearer' ? insufficientScope(scope) : forbidden();
    else answer = serveApi(directory, log, { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, origin: server.url, nowMs }, (id) => clearedSessions.push(id));
    answer = answer.status === 429 ? answer : { ...answer, headers: { ...rateHeaders, ...answer.headers } };
    record(answer, fault);
    send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
  });
  tokenUrl = `${server.url}/oauth2/v1/token`;
  const own = (stream: string) => {
    if (!(STREAMS as readonly string[]).includes(stream)) throw new Error(`The Okta simulator has no stream ${stream}`);
  };
  return {
    baseUrl: server.url,
    configuration: { base_url: server.url, token_url: tokenUrl, page_size: Math.min(options.pageSize, 200), members_page_size: options.pageSize, log_page_size: options.pageSize },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams,
    contract: { spec: SPEC, source: "Okta's Management API OpenAPI description (okta/okta-management-openapi-spec, made Prism-ready: ../shared/vendor/MANIFEST.md)" },
    seed(stream, seed) {
      own(stream);
      if (stream === 'users') directory.seedUsers(seed.count);
      else if (stream === 'groups') directory.seedGroups(seed.count);
      else if (stream === 'applications') directory.seedApps(seed.count);
      else if (stream === 'group-memberships') directory.seedMemberships(seed.count);
      else log.seed(seed.count, seed.equalTimestampsAtBoundary ? options.pageSize : undefined);
    },
    records(stream) {
      own(stream);
      if (stream === 'users') return byId(directory.users);
      if (stream === 'groups') return byId(directory.groups);
      if (stream === 'applications') return byId(directory.apps);
      if (stream === 'group-memberships') return directory.memberships();
      return [...log.events];
    },
    mutate(stream, change) {
      own(stream);
      if (stream === 'system-log') log.create(change.create ?? 0);
      else mutateDirectory(directory, stream, change);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
    directory,
    log,
    serviceApp,
    tokenUrl,
    clearedSessions,
    grant: (credential, scopes) => limited.set(credential, scopes),
    // Any SSWS token is accepted (none revoked or limited by `grant`), as an org accepts a valid API token.
    vaultCredentials: { authType: 'api_key', credentials: { api_key: 'simulated-okta-api-token', header_name: 'Authorization', prefix: 'SSWS ' } },
    oauthVaultCredentials: {
      authType: 'oauth2_client_credentials',
      credentials: { client_id: serviceApp.clientId, private_key_pem: serviceApp.privateKeyPem, key_id: serviceApp.keyId, token_url: tokenUrl, scopes: [...OKTA_SCOPES] },
    },
  };
}

/** The conformance suite's entry point (and the CLI's end-to-end test's): an org serving all five streams. */
const simulator: SimulatorFactory = (options) => startOktaSimulator(options);
export default simulator;
