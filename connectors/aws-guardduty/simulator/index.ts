import type { ServerResponse } from 'node:http';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { REGION_HEADER } from '../client/sdk-http.ts';
import { GUARDDUTY_REGIONS } from '../config.ts';
import { awsError, internalError, missingToken, throttled, type Answer } from './aws-errors.ts';
import { serveGuardDuty } from './guardduty-api.ts';
import { PageTokens } from './page-tokens.ts';
import { GuardDutyState } from './state.ts';
import { ACCOUNT_ID } from './finding-factory.ts';
import { SIMULATED_EXTERNAL_ID, serveSts } from './sts.ts';
import { wireSpecPath } from './wire-spec.ts';

export interface GuardDutySimulatorOptions extends SimulatorOptions {
  /**
   * The Regions the configuration lists. Default: as many as the conformance suite's detectors need
   * (three pages and two, plus two created later: one detector per Region), at least two.
   */
  readonly regions?: readonly string[];
  /** The streams to serve (default both). */
  readonly streams?: readonly ('detectors' | 'findings')[];
}

export interface GuardDutySimulator extends SimulatorHandle {
  /** Direct access to the simulated account, for tests. */
  readonly state: GuardDutyState;
  /** Makes the simulated IAM policy deny a GuardDuty operation (`ArchiveFindings`): AccessDeniedException. */
  deny(operation: string): void;
}

/** SigV4 credential scope `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
const SCOPE = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** A JSON request body; `{}` when there is none, undefined when it does not parse. */
function jsonBody(text: string): Record<string, unknown> | undefined {
  if (text === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, answer: Answer, truncate: boolean): void {
  const isText = typeof answer.body === 'string';
  const text = isText ? (answer.body as string) : JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': isText ? 'text/xml' : 'application/json', ...answer.headers });
  response.end(truncate ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}

/**
 * The Region a request is for. At AWS it is the endpoint's host, which the signature's scope must match;
 * behind one URL it is the connector's region header, else the scope.
 */
function regionOf(header: string | string[] | undefined, scope: string): string {
  return typeof header === 'string' && header !== '' ? header : scope;
}

function faultAnswer(fault: Fault | undefined): Answer | undefined {
  if (fault?.kind === 'rate-limit') return throttled(fault.retryAfterSeconds);
  if (fault?.kind === 'server-errors') return internalError();
  return undefined;
}

/**
 * A stateful Amazon GuardDuty on 127.0.0.1: one detector per Region, findings with FindingCriteria,
 * SortCriteria and nextToken paging, archive and unarchive, AWS error answers (x-amzn-ErrorType), the
 * conformance faults, and STS for AssumeRole. The Region of a request is the connector's region header
 * or its SigV4 credential scope.
 */
export async function startGuardDutySimulator(options: GuardDutySimulatorOptions): Promise<GuardDutySimulator> {
  const regions = options.regions ?? GUARDDUTY_REGIONS.slice(0, Math.min(GUARDDUTY_REGIONS.length, Math.max(2, options.pageSize * 3 + 5)));
  const streams = options.streams ?? ['detectors', 'findings'];
  const state = new GuardDutyState(options.clock, regions);
  const world = { state, tokens: new PageTokens(), denied: new Set<string>() };
  const faults = new FaultQueue();
  const requests: SimulatorRequest[] = [];
  const server = await startLocalServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const text = request.body;
    const isForm = String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
    const body = isForm ? {} : jsonBody(text);
    const continuation = typeof body?.nextToken === 'string' && body.nextToken !== '';
    const fault = faults.take({ continuation });
    const scope = SCOPE.exec(String(request.headers.authorization ?? ''));
    let answer: Answer;
    if (isForm && request.method === 'POST') answer = serveSts(new URLSearchParams(text), options.clock.now());
    else if (!scope) answer = missingToken();
    else if (body === undefined) answer = awsError(400, 'SerializationException', 'The request body is not valid JSON');
    else answer = faultAnswer(fault) ?? serveGuardDuty(world, { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, body: body ?? {}, region: regionOf(request.headers[REGION_HEADER], scope[1]!), ...(fault ? { fault: fault.kind } : {}) });
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    send(response, answer, fault?.kind === 'malformed-json' && answer.status === 200);
  });
  const own = (name: string) => {
    if (!(streams as readonly string[]).includes(name)) throw new Error(`The GuardDuty simulator serves ${streams.join(' and ')}, not ${name}`);
  };
  return {
    baseUrl: server.url,
    configuration: { regions: [...regions], home_region: regions[0], base_url: server.url, page_size: options.pageSize, start_days_ago: 90, include_archived: true },
    capabilities: { faults: ['rate-limit', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams,
    vaultCredentials: {
      authType: 'aws',
      credentials: {
        access_key_id: 'AKIASIMULATED0000001',
        secret_access_key: 'simulated-secret-access-key',
        region: regions[0],
        role_arn: `arn:aws:iam::${ACCOUNT_ID}:role/patchbay-guardduty`,
        external_id: SIMULATED_EXTERNAL_ID,
        sts_endpoint: `${server.url}/`,
      },
    },
    contract: { spec: wireSpecPath(), source: "AWS's GuardDuty API description (aws-sdk-js model converted to OpenAPI by APIs-guru), property names as on the wire" },
    state,
    deny: (operation) => world.denied.add(operation),
    seed(name, seed) {
      own(name);
      if (name === 'detectors') state.seedDetectors(seed.count);
      else state.seedFindings(seed.count, seed.equalTimestampsAtBoundary ? options.pageSize : undefined);
    },
    records(name) {
      own(name);
      return name === 'detectors' ? state.detectors() : state.allFindings();
    },
    mutate(name, change) {
      own(name);
      if (name === 'detectors') state.mutateDetectors(change.update ?? 0, change.create ?? 0, change.delete ?? 0);
      else state.mutateFindings(change.update ?? 0, change.create ?? 0);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
  };
}

/** The conformance suite's entry point: both streams served, over several Regions. */
const simulator: SimulatorFactory = (options) => startGuardDutySimulator(options);
export default simulator;
