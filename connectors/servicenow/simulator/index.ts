import { FaultQueue, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest, type VaultCredentials } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { Access, INTEGRATION_ROLES } from './access.ts';
import { notAuthenticated, type Answer } from './answers.ts';
import { contractSpecPath } from './contract-spec.ts';
import { IncidentDesk } from './incident-desk.ts';
import { InstanceStore } from './instance-store.ts';
import { faultAnswer, jsonBody, send } from './requests.ts';
import { seedDirectory } from './seed-data.ts';
import { CI_QUERY, STREAMS, StreamData, type StreamName } from './stream-data.ts';
import { serveTable } from './table-api.ts';
import { serveToken } from './token-endpoint.ts';

export { STREAMS, CI_QUERY } from './stream-data.ts';
export { VENDOR_SPEC, contractSpecPath } from './contract-spec.ts';

export interface ServiceNowSimulatorOptions extends SimulatorOptions {
  /** The streams this simulator serves data for (default all three). */
  readonly streams?: readonly string[];
}

/**
 * A simulated ServiceNow instance (README "The simulated instance"). Beside the conformance handle, the
 * helpers the ticket engine's end-to-end tests use to act as a person in ServiceNow:
 *
 * - `setIncidentState(sysIdOrNumber, state, { closeCode?, closeNotes?, by? })`: moves an incident to a
 *   state (1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled; a number or its value as a
 *   string) as an agent would in the form: resolution code and notes are filled in for 6 and 7 when not
 *   given, sys_updated_on is stamped with the simulator's clock, so the next poll of the incidents stream
 *   sees the change (a poll reads only whole seconds that are over: advance the clock by at least a second
 *   before syncing). Throws for a closed or canceled incident, which ServiceNow keeps read-only. Returns
 *   the incident as the Table API renders it (display_value=all).
 * - `addIncidentComment(sysIdOrNumber, text, field = 'comments')`: a journal entry by an agent.
 * - `incident(sysIdOrNumber)`: the incident as the Table API renders it, or undefined; `incidents()`: all.
 * - `grant(credential, roles)`: limits a user name or bearer token to these roles (403 answers);
 *   `hide(sysIds)`: row-level read ACLs hiding records (short or empty pages mid-listing).
 * - `vaultCredentials` (basic: the integration user) and `oauthVaultCredentials` (client credentials at
 *   `tokenUrl`, this instance's /oauth_token.do).
 */
export interface ServiceNowSimulator extends SimulatorHandle {
  readonly store: InstanceStore;
  readonly tokenUrl: string;
  readonly oauthVaultCredentials: VaultCredentials;
  setIncidentState(sysIdOrNumber: string, state: number | string, options?: { readonly closeCode?: string; readonly closeNotes?: string; readonly by?: string }): Record<string, unknown>;
  addIncidentComment(sysIdOrNumber: string, text: string, field?: 'comments' | 'work_notes'): Record<string, unknown>;
  incident(sysIdOrNumber: string): Record<string, unknown> | undefined;
  incidents(): Record<string, unknown>[];
  grant(credential: string, roles: readonly string[]): void;
  /** Hides records from API users, as a row-level read ACL does: still counted by X-Total-Count, left out of their page. */
  hide(sysIds: readonly string[]): void;
}

const USER = 'patchbay.integration';
const PASSWORD = 'simulated-servicenow-password';
const CLIENT = { clientId: '5f1c2e7a9b0d4c3e8f6a1b2c3d4e5f60', clientSecret: 'simulated-servicenow-client-secret', userName: 'patchbay.oauth' };

/** Starts a simulated instance on 127.0.0.1: the Table API, /oauth_token.do, and the conformance suite's faults. */
export async function startServiceNowSimulator(options: ServiceNowSimulatorOptions): Promise<ServiceNowSimulator> {
  const store = new InstanceStore(options.clock);
  const dir = seedDirectory(store);
  const access = new Access(store);
  access.addUser(USER, 'Patchbay Integration', PASSWORD, INTEGRATION_ROLES);
  access.addUser(CLIENT.userName, 'Patchbay OAuth', 'not-used-for-basic-' + CLIENT.clientSecret, INTEGRATION_ROLES);
  access.addClient(CLIENT);
  let numbers = 10_000;
  const nextNumber = () => `INC${String(++numbers).padStart(7, '0')}`;
  const data = new StreamData(store, dir, options.pageSize, nextNumber);
  const desk = new IncidentDesk(store, dir);
  // No page token to expire, and no empty page in a listing except where ACLs hide every record of it (hide()).
  const faults = new FaultQueue({ continuationOnly: [] });
  const requests: SimulatorRequest[] = [];
  const streams = options.streams ?? STREAMS;
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const log = (answer: Answer, fault?: string) => requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault as never } : {}) });
    if (method === 'POST' && url.pathname === '/oauth_token.do') {
      const answer = serveToken(new URLSearchParams(request.body), access.clients, (client) => access.issue(client));
      log(answer);
      return send(response, answer);
    }
    const fault = faults.take();
    const authorization = String(request.headers.authorization ?? '');
    if (fault?.kind === 'unauthorized-once') access.revoke(authorization);
    const user = access.authenticate(authorization);
    let answer: Answer;
    if (!user) answer = notAuthenticated();
    else {
      const parsed = jsonBody(request.body);
      answer =
        faultAnswer(fault, options.clock.now().getTime()) ??
        ('answer' in parsed ? parsed.answer : serveTable(store, { method, path: url.pathname, query: url.searchParams, body: parsed.body, origin: server.url }, user, { nextNumber }));
    }
    log(answer, fault?.kind);
    send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
  });
  const tokenUrl = `${server.url}/oauth_token.do`;
  const own = (stream: string): StreamName => {
    if (!(STREAMS as readonly string[]).includes(stream)) throw new Error(`The ServiceNow simulator has no stream ${stream}`);
    return stream as StreamName;
  };
  return {
    baseUrl: server.url,
    configuration: { base_url: server.url, token_url: tokenUrl, page_size: options.pageSize, ci_query: CI_QUERY },
    // No `empty-page`: ServiceNow serves a page short or empty only when ACLs hide its records, which are then
    // not the user's to sync (hide() simulates that; streams/table-pages.test.ts reads past such pages).
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams,
    contract: {
      spec: contractSpecPath(),
      source: "ServiceNow's Table API OpenAPI description (REST API Explorer export, ../shared/vendor/specs/servicenow/table-api.openapi.json) with OAuth bearer tokens and the 201 of inserts added (simulator/contract-spec.ts)",
    },
    seed: (stream, seed) => data.seed(own(stream), seed),
    records: (stream) => data.records(own(stream)),
    mutate: (stream, change) => data.mutate(own(stream), change),
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
    store,
    tokenUrl,
    vaultCredentials: { authType: 'basic', credentials: { username: USER, password: PASSWORD } },
    oauthVaultCredentials: { authType: 'oauth2_client_credentials', credentials: { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, token_url: tokenUrl } },
    setIncidentState: (ref, state, opts = {}) => desk.setState(ref, String(state), opts),
    addIncidentComment: (ref, text, field = 'comments') => desk.comment(ref, text, field),
    incident: (ref) => desk.render(ref),
    incidents: () => data.records('incidents'),
    grant: (credential, roles) => access.grant(credential, roles),
    hide: (sysIds) => sysIds.forEach((id) => store.hidden.add(id)),
  };
}

/** The conformance suite's entry point (and the CLI end-to-end test's): an instance serving all three streams. */
const simulator: SimulatorFactory = (options) => startServiceNowSimulator(options);
export default simulator;
