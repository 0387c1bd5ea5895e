import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type Fault, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import { ACCOUNT, type FindingKind } from './finding-factory.ts';
import { errors, requestId, type Answer } from './aws-errors.ts';
import { serveBatchUpdate, type BatchUpdateBody } from './batch-update.ts';
import { FindingStore } from './finding-store.ts';
import { serveGetFindings, type GetFindingsBody } from './get-findings.ts';
import { PageTokens } from './page-tokens.ts';
import { presentedSignature } from './signature.ts';

export interface SecurityHubSimulatorOptions extends SimulatorOptions {
  /** Kinds of findings seeded, in turn (default: detections only, see README "Simulator"). */
  readonly kinds?: readonly FindingKind[];
  /** Home Region first, then linked Regions (default us-east-1 and eu-west-1). */
  readonly regions?: readonly string[];
  /**
   * Refuse unsigned requests, as AWS does (default false, so the simulator also answers an engine or
   * tool that brings no credential; the conformance suite and this connector's tests sign with SigV4).
   */
  readonly requireSignature?: boolean;
  /** IAM actions the caller's policy lacks (`securityhub:BatchUpdateFindings`): answered 403 AccessDeniedException. */
  readonly deny?: readonly string[];
  /** Cross-Region aggregation in the home Region (default true when there are linked Regions). */
  readonly aggregation?: boolean;
}

/** The vendor's description, checked with Prism: ../shared/vendor/specs/aws/openapi/securityhub.openapi.json. */
const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/aws/openapi/securityhub.openapi.json', import.meta.url));

/**
 * The operations served: method and path → IAM action. API reference pages:
 * GetFindings https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html,
 * BatchUpdateFindings https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchUpdateFindings.html,
 * DescribeHub https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DescribeHub.html,
 * ListFindingAggregators https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_ListFindingAggregators.html.
 */
const ROUTES: Readonly<Record<string, string>> = {
  'POST /findings': 'securityhub:GetFindings',
  'PATCH /findings/batchupdate': 'securityhub:BatchUpdateFindings',
  'GET /accounts': 'securityhub:DescribeHub',
  'GET /findingAggregator/list': 'securityhub:ListFindingAggregators',
};

function parseJson(text: string): unknown {
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, answer: Answer, truncate = false): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'x-amzn-requestid': requestId(), ...answer.headers });
  response.end(truncate ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}

function faultAnswer(fault: Fault | undefined): Answer | undefined {
  if (fault?.kind === 'rate-limit') return errors.throttled(fault.retryAfterSeconds);
  if (fault?.kind === 'server-errors') return errors.internal();
  return undefined;
}

/**
 * A stateful Security Hub home Region on 127.0.0.1: GetFindings, BatchUpdateFindings, DescribeHub and
 * ListFindingAggregators with Security Hub's paths, bodies and errors, SigV4 scope checks, and the
 * conformance suite's faults. Linked Regions' findings are served through aggregation.
 */
export async function startSecurityHubSimulator(options: SecurityHubSimulatorOptions): Promise<SimulatorHandle & { readonly store: FindingStore }> {
  const regions = options.regions ?? ['us-east-1', 'eu-west-1'];
  const home = regions[0]!;
  const aggregation = options.aggregation ?? regions.length > 1;
  const store = new FindingStore(options.clock, options.kinds ?? ['detection'], regions);
  const tokens = new PageTokens();
  const faults = new FaultQueue();
  const expiredKeys = new Set<string>();
  const deny = new Set(options.deny ?? []);
  const requests: SimulatorRequest[] = [];

  async function answer(request: IncomingMessage, path: string, body: unknown, fault: Fault | undefined): Promise<Answer> {
    const signature = presentedSignature(request.headers);
    if (signature === undefined && options.requireSignature) return errors.missingAuthentication();
    if (signature === null) return errors.invalidSignature('Authorization header requires a SigV4 signature');
    if (signature && signature.service !== 'securityhub') return errors.invalidSignature("Credential should be scoped to correct service: 'securityhub'.");
    if (signature && signature.region !== home) return errors.invalidSignature(`Credential should be scoped to a valid region, not '${signature.region}'.`);
    if (fault?.kind === 'unauthorized-once' && signature) expiredKeys.add(signature.accessKeyId);
    if (signature && expiredKeys.has(signature.accessKeyId)) return errors.expiredToken();
    const faulted = faultAnswer(fault);
    if (faulted) return faulted;
    const action = ROUTES[`${request.method} ${path}`];
    if (!action) return errors.notFound(`No operation at ${request.method} ${path}`);
    if (deny.has(action)) return errors.accessDenied(`arn:aws:iam::${ACCOUNT}:user/patchbay`, action);
    if (body === undefined) return errors.invalidInput('The request body is not valid JSON');
    if (action === 'securityhub:GetFindings') {
      const pageFault = fault?.kind === 'expire-page-token' || fault?.kind === 'empty-page' ? fault.kind : undefined;
      return serveGetFindings(body as GetFindingsBody, aggregation ? store.all() : store.all().filter((f) => f.Region === home), tokens, pageFault);
    }
    if (action === 'securityhub:BatchUpdateFindings') return serveBatchUpdate(body as BatchUpdateBody, store);
    if (action === 'securityhub:DescribeHub') {
      return { status: 200, body: { HubArn: `arn:aws:securityhub:${home}:${ACCOUNT}:hub/default`, SubscribedAt: '2024-01-01T00:00:00.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' } };
    }
    const aggregators = aggregation ? [{ FindingAggregatorArn: `arn:aws:securityhub:${home}:${ACCOUNT}:finding-aggregator/00000000-0000-4000-8000-000000000001` }] : [];
    return { status: 200, body: { FindingAggregators: aggregators } };
  }

  const server = await startLocalServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const body = parseJson(request.body);
    const nextToken = (body as { NextToken?: unknown } | undefined)?.NextToken;
    const continuation = request.method === 'POST' && url.pathname === '/findings' && typeof nextToken === 'string';
    const fault = faults.take({ continuation });
    const result = await answer(request, url.pathname, body, fault);
    const query: Record<string, string> = Object.fromEntries(url.searchParams);
    if (continuation) query.NextToken = String(nextToken);
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query, status: result.status, ...(fault ? { fault: fault.kind } : {}) });
    send(response, result, fault?.kind === 'malformed-json' && result.status === 200);
  });

  const own = (name: string) => {
    if (name !== 'findings') throw new Error(`The Security Hub simulator serves the stream findings, not ${name}`);
  };
  return {
    baseUrl: server.url,
    // The simulator checks the signature's key, region and service, not the secret: any access key pair signs.
    vaultCredentials: { authType: 'aws', credentials: { access_key_id: 'AKIASIMULATED0000001', secret_access_key: 'simulated-secret-access-key', region: home } },
    configuration: { region: home, regions: [...regions], base_url: server.url, page_size: options.pageSize, start_days_back: 90, overlap_minutes: 5 },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams: ['findings'],
    contract: { spec: SPEC, source: "AWS's Security Hub API description (aws-sdk-js model converted to OpenAPI 3 by APIs-guru); botocore securityhub 2018-10-26 is the authoritative model" },
    seed(name, seed) {
      own(name);
      store.seed({ count: seed.count, ...(seed.equalTimestampsAtBoundary ? { boundaryPageSize: options.pageSize } : {}) });
    },
    records(name) {
      own(name);
      return store.all();
    },
    mutate(name, change) {
      own(name);
      store.mutate(change);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () => server.close(),
    store,
  };
}

/** The conformance suite's entry point: two Regions through aggregation, detection findings. */
const simulator: SimulatorFactory = (options) => startSecurityHubSimulator(options);
export default simulator;
