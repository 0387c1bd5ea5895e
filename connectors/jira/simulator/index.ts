import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest, type VaultCredentials } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { JIRA_SCOPES } from '../auth.ts';
import { adfToText, textToAdf } from '../jira-api/adf.ts';
import { FieldErrors, jiraFailure, routeNotFound, unauthorized, unavailable, type Answer } from './answers.ts';
import { SUBSET_SPEC } from './contract-subset.ts';
import { parseBody, rateLimited, send } from './http-answers.ts';
import { OAuthApp } from './oauth-app.ts';
import { serveIssue, type IssueEventSink } from './routes/issue-routes.ts';
import { searchJql, searchLegacy } from './routes/search-routes.ts';
import type { SimRequest } from './routes/sim-request.ts';
import { USERS, type CustomField, type SiteUser } from './site-data.ts';
import { JiraSite, type ChangeItem } from './site.ts';
import { issueJson, userJson, type StoredIssue } from './stored-issue.ts';
import { issueEventPayload } from './webhook-payload.ts';
import { WebhookSender, type JiraWebhookEvent, type WebhookDelivery, type WebhookRegistration } from './webhooks.ts';

export { signJiraWebhook, type JiraWebhookEvent, type WebhookDelivery, type WebhookRegistration, type WebhookTransport } from './webhooks.ts';
export type { JiraSite } from './site.ts';

/** The operations the connector calls, from Jira Cloud's REST API v3 description (contract-subset.ts): its traffic is checked against them under Prism. */
export const SPEC = SUBSET_SPEC;
const GATEWAY = /^\/ex\/jira\/([^/]+)(?=\/)/;

export interface JiraSimulatorOptions extends SimulatorOptions {
  /** The API account's time zone (JQL dates are read in it). Default UTC. */
  readonly timeZone?: string;
  /** The configuration's search endpoint: `legacy` (default: the one in the contract description) or `jql`. */
  readonly searchApi?: 'jql' | 'legacy';
  readonly customFields?: Readonly<Record<string, CustomField>>;
  /** From-status → statuses it may move to (default: every status to every other, Jira's simplified workflow). */
  readonly workflow?: Readonly<Record<string, readonly string[]>>;
  /** The Done transition's screen requires a resolution. */
  readonly resolutionScreen?: boolean;
  /** Accept only bearer tokens the simulated token endpoint issued (default: any bearer token not revoked, as the conformance suite brings its own). */
  readonly strictBearer?: boolean;
}

/**
 * The simulated Jira Cloud site. Besides the conformance handle, what end-to-end tests use to act as a
 * person in Jira:
 *
 * - `transition(key, status, { resolution? })`: moves an issue to a status by name (`'Done'`,
 *   `'In Progress'`, `'To Do'`, `'In Review'`, `'Blocked'`), whatever the workflow, as a person does on
 *   the board; resolves with the signed `jira:issue_updated` deliveries it made to the registered webhooks
 *   (empty when none is registered).
 * - `comment(key, text)`: a person's comment; delivers `jira:issue_updated`.
 * - `registerWebhook({ url, secret?, events?, transport? })`: an admin webhook; deliveries carry
 *   `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>` when it has a secret. API changes (the
 *   connector's create, edit, transition, comment) deliver in the background; `webhooksSettled()` waits.
 * - `issue(key)`: the issue as GET /rest/api/3/issue renders it; `comments(key)`: comment texts.
 * - `denyCreate()`: the account loses Create issues (403 on create).
 * - `vaultCredentials` (email and API token, basic), `oauthVaultCredentials()` (an authorized 3LO app, its
 *   token URL here) with `gatewayUrl` as base_url, `searches` (the JQL of each search), `site` (the state).
 */
export interface JiraSimulator extends SimulatorHandle {
  readonly site: JiraSite;
  /** The site's cloud id: OAuth 2.0 (3LO) requests go to `<baseUrl>/ex/jira/<cloudId>`. */
  readonly cloudId: string;
  readonly gatewayUrl: string;
  readonly oauth: OAuthApp;
  /** An authorized 3LO credential (client, token URL at this simulator, current refresh token), for the vault. */
  oauthVaultCredentials(): VaultCredentials;
  transition(key: string, status: string, options?: { readonly resolution?: string }): Promise<readonly WebhookDelivery[]>;
  comment(key: string, text: string): Promise<readonly WebhookDelivery[]>;
  registerWebhook(registration: WebhookRegistration): void;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  webhooksSettled(): Promise<void>;
  issue(key: string): Record<string, unknown> | undefined;
  comments(key: string): string[];
  /** The JQL of every search, in order. */
  readonly searches: readonly string[];
  denyCreate(denied?: boolean): void;
}

/**
 * A stateful Jira Cloud site on 127.0.0.1 (README "The simulated site"): the REST API v3 endpoints the
 * connector uses (myself, both JQL searches, issue create/get/edit, transitions, comments) at the site's
 * root and under the OAuth gateway's /ex/jira/{cloudId}, basic auth with an email and API token or bearer
 * tokens, the 3LO token endpoint, admin webhooks signed as Jira signs them, and the conformance faults.
 */
export async function startJiraSimulator(options: JiraSimulatorOptions): Promise<JiraSimulator> {
  const site = new JiraSite(options);
  const webhooks = new WebhookSender();
  const oauth = new OAuthApp();
  const faults = new FaultQueue({ continuationOnly: [] });
  const revoked = new Set<string>();
  const requests: SimulatorRequest[] = [];
  const searches: string[] = [];
  const cloudId = '3f6c1e2a-9b4d-4e7f-8a1c-5d2e0f9b7a61';
  const basic = `Basic ${Buffer.from('patchbay@example.com:simulated-jira-api-token').toString('base64')}`;
  let canCreate = true;

  const payload = (event: JiraWebhookEvent, issue: StoredIssue, changelog?: readonly ChangeItem[], actor?: SiteUser) => issueEventPayload(site, server.url, event, issue, changelog, actor);
  const events: IssueEventSink = (event, issue, changelog) => webhooks.send(event, issue.key, payload(event, issue, changelog));

  const authenticated = (authorization: string) => {
    if (revoked.has(authorization)) return false;
    if (authorization === basic) return true;
    const bearer = /^Bearer (\S+)$/.exec(authorization)?.[1];
    return bearer !== undefined && (!options.strictBearer || oauth.issued.has(bearer));
  };

  const route = (request: SimRequest): Answer => {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
    if (request.method === 'GET' && request.path === '/rest/api/3/myself') return { status: 200, body: { ...(userJson(request.origin, site.me) as object), timeZone: site.timeZone, locale: 'en_US' } };
    if ((request.path === '/rest/api/3/search' || request.path === '/rest/api/3/search/jql') && (request.method === 'GET' || request.method === 'POST')) {
      const jql = request.method === 'POST' ? (request.body as { jql?: unknown } | undefined)?.jql : request.query.get('jql');
      searches.push(typeof jql === 'string' ? jql : '');
      return request.path === '/rest/api/3/search' ? searchLegacy(site, request) : searchJql(site, request);
    }
    return serveIssue(site, request, events, canCreate) ?? routeNotFound(request.method, request.path);
  };

  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const record = (answer: Answer, fault?: Fault) => requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    if (method === 'POST' && url.pathname === '/oauth/token') {
      const answer = oauth.token(request.body, request.headers['content-type'], request.headers.authorization);
      record(answer);
      return send(response, answer, false);
    }
    const gateway = GATEWAY.exec(url.pathname);
    const fault = faults.take();
    const authorization = request.headers.authorization ?? '';
    if (fault?.kind === 'unauthorized-once' && authorization !== '') revoked.add(authorization);
    let answer: Answer;
    if (gateway && gateway[1] !== cloudId) answer = jiraFailure(404, [`No Jira site with cloud id ${gateway[1]}`]);
    else if (!authenticated(authorization)) answer = unauthorized();
    else if (fault?.kind === 'rate-limit') answer = rateLimited(fault, site.now());
    else if (fault?.kind === 'server-errors') answer = unavailable();
    else {
      try {
        const path = gateway ? url.pathname.slice(gateway[0].length) : url.pathname;
        answer = route({ method, path, query: url.searchParams, body: parseBody(request.body), origin: gateway ? `${server.url}${gateway[0]}` : server.url });
      } catch (error) {
        if (!(error instanceof FieldErrors)) throw error;
        answer = error.answer();
      }
    }
    record(answer, fault);
    send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
  });

  const issueOf = (key: string) => {
    const issue = site.find(key);
    if (!issue) throw new Error(`The simulated site has no issue ${key}`);
    return issue;
  };
  const own = (stream: string) => {
    if (stream !== 'issues') throw new Error(`The Jira simulator has no stream ${stream}`);
  };
  const gatewayUrl = `${server.url}/ex/jira/${cloudId}`;

  return {
    baseUrl: server.url,
    configuration: { base_url: server.url, search_api: options.searchApi ?? 'legacy', page_size: Math.min(options.pageSize, 100), project_key: 'SEC', jql: 'project = SEC' },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams: ['issues'],
    // The /search/jql endpoint is newer than the description: only the legacy search is checked under Prism.
    ...((options.searchApi ?? 'legacy') === 'legacy' ? { contract: { spec: SPEC, source: "Jira Cloud's REST API v3 description (Atlassian's swagger-v3 re-hosted by Itential, ../shared/vendor/MANIFEST.md), restricted to the operations the connector calls" } } : {}),
    vaultCredentials: { authType: 'basic', credentials: { username: 'patchbay@example.com', password: 'simulated-jira-api-token' } },
    seed(stream, seed) {
      own(stream);
      site.seed(seed.count, seed.equalTimestampsAtBoundary ? Math.min(options.pageSize, 100) : undefined);
    },
    records(stream) {
      own(stream);
      return [...site.issues.values()].map((issue) => issueJson(issue, server.url, site.customFields));
    },
    mutate(stream, change) {
      own(stream);
      site.mutate(change);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    searches,
    close: () => server.close(),
    site,
    cloudId,
    gatewayUrl,
    oauth,
    oauthVaultCredentials: () => ({
      authType: 'oauth2_authorization_code',
      credentials: { client_id: oauth.clientId, client_secret: oauth.clientSecret, authorize_url: `${server.url}/authorize`, token_url: `${server.url}/oauth/token`, scopes: [...JIRA_SCOPES], refresh_token: oauth.refreshToken },
    }),
    async transition(key, status, transition = {}) {
      const issue = issueOf(key);
      const changelog = site.setStatus(issue, status, transition.resolution);
      return webhooks.deliver('jira:issue_updated', issue.key, payload('jira:issue_updated', issue, changelog, USERS[0]));
    },
    async comment(key, text) {
      const issue = issueOf(key);
      site.comment(issue, textToAdf(text), USERS[1]);
      return webhooks.deliver('jira:issue_updated', issue.key, payload('jira:issue_updated', issue, [], USERS[1]));
    },
    registerWebhook: (registration) => webhooks.register(registration),
    get webhookDeliveries() {
      return webhooks.deliveries;
    },
    webhooksSettled: () => webhooks.settled(),
    issue: (key) => {
      const issue = site.find(key);
      return issue ? issueJson(issue, server.url, site.customFields) : undefined;
    },
    comments: (key) => issueOf(key).comments.map((c) => adfToText(c.body) ?? ''),
    denyCreate: (denied = true) => void (canCreate = !denied),
  };
}

/** The conformance suite's entry point (and the CLI's end-to-end test's): a site searched through the legacy endpoint, checked under Prism. */
const simulator: SimulatorFactory = (options) => startJiraSimulator(options);
export default simulator;
