import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { FaultQueue, type SimulatorFactory, type SimulatorRequest } from '@patchbay/conformance';
import { MAX_CALL_BYTES } from '../config.ts';
import { azureError, throttled, unavailable, type Answer } from './answers.ts';
import { Credentials, MONITOR_RESOURCE } from './credentials.ts';
import { upload, UPLOAD_PATH } from './ingestion.ts';
import type { Outage, SentinelSimulatorHandle, SentinelSimulatorOptions, Upload } from './handle.ts';
import { TOKEN_PATH, tokenAnswer, type SimulatedApp } from './token-endpoint.ts';
import { Workspace } from './workspace.ts';

export type { Outage, SentinelSimulatorHandle, SentinelSimulatorOptions, Upload } from './handle.ts';

export const TENANT_ID = '3f9a2c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b';
export const DCR_ID = 'dcr-4c0f3e8a9b2d4f6e8a1c3e5f7b9d0a2c';
export const STREAM = 'Custom-PatchbayEvents';

/** The Logs Ingestion API description this simulator's traffic is checked against. */
const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/azure/monitor-ingestion/DataCollectionRules.json', import.meta.url));

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, answer: Answer): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status, { ...answer.headers });
    response.end();
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

/**
 * A stateful Azure Monitor on 127.0.0.1: the Logs Ingestion API of a data collection endpoint serving
 * data collection rules and their streams (rows stored per rule and stream, in order), and the tenant's
 * Entra ID v2.0 token endpoint. Each endpoint follows the Microsoft page cited where it is answered
 * (ingestion.ts, token-endpoint.ts). Faults come from the conformance FaultQueue: 429 with Retry-After,
 * 5xx bursts, a revoked token; `outage` holds one answer for every call.
 */
export async function startSentinelSimulator(options: SentinelSimulatorOptions): Promise<SentinelSimulatorHandle> {
  const app: SimulatedApp = { tenantId: TENANT_ID, clientId: 'b2f7c9e4-1a3d-4c5e-8f60-7a9b0c1d2e3f', clientSecret: 'sim-client-secret-do-not-use' };
  const maxCallBytes = options.maxCallBytes ?? MAX_CALL_BYTES;
  const workspace = new Workspace(options.rules ?? { [DCR_ID]: [STREAM, 'Microsoft-CommonSecurityLog'] });
  const credentials = new Credentials();
  // Nothing here continues a listing: every fault applies to the next ingestion call.
  const faults = new FaultQueue({ continuationOnly: [] });
  const requests: SimulatorRequest[] = [];
  const uploads: Upload[] = [];
  let held: Outage | null = null;

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const method = request.method ?? 'GET';
      const log = (answer: Answer, fault?: SimulatorRequest['fault']) => {
        requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault } : {}) });
        send(response, answer);
      };
      const tenant = TOKEN_PATH.exec(url.pathname)?.[1];
      if (tenant !== undefined && method === 'POST') {
        return log(tokenAnswer(app, decodeURIComponent(tenant), new URLSearchParams(body.toString('utf8')), request.headers.authorization, (resource) => credentials.issue(resource)));
      }
      const route = UPLOAD_PATH.exec(url.pathname);
      if (!route || method !== 'POST') return log(azureError(404, 'NotFound', `No route for ${method} ${url.pathname}.`));
      const [rule, stream] = [decodeURIComponent(route[1]!), decodeURIComponent(route[2]!)];
      const fault = faults.take();
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (fault?.kind === 'unauthorized-once' && token !== undefined) credentials.revoke(token);
      const record = (answer: Answer, rows: number, jsonBytes: number | undefined, tag?: Upload['fault']) => {
        const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
        const encoding = request.headers['content-encoding'];
        const requestId = request.headers['x-ms-client-request-id'];
        uploads.push({ rule, stream, status: answer.status, code, rows, bodyBytes: body.length, jsonBytes, encoding, requestId: Array.isArray(requestId) ? requestId[0] : requestId, ...(tag ? { fault: tag } : {}) });
        log(answer, tag === 'outage' ? undefined : tag);
      };
      if (held) return record(held.status === 429 ? throttled(held.retryAfterSeconds) : unavailable(), 0, undefined, 'outage');
      if (fault?.kind === 'rate-limit') return record(throttled(fault.retryAfterSeconds), 0, undefined, fault.kind);
      if (fault?.kind === 'server-errors') return record(unavailable(), 0, undefined, fault.kind);
      const outcome = upload({ rule, stream, query: url.searchParams, headers: request.headers, body }, { workspace, credentials, maxCallBytes });
      record(outcome.answer, outcome.rows, outcome.jsonBytes, fault?.kind);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const noStream = (stream: string) => new Error(`The microsoft-sentinel simulator is a destination: it serves no stream (asked for ${stream})`);
  return {
    baseUrl,
    configuration: { tenant_id: app.tenantId, endpoint: baseUrl, dcr_immutable_id: DCR_ID, stream_name: STREAM, login_url: baseUrl },
    capabilities: { faults: ['rate-limit', 'server-errors', 'unauthorized-once'], newestFirst: false, equalTimestampsAtBoundary: false },
    streams: [],
    contract: { spec: SPEC, source: "Azure Monitor Ingestion 2023-01-01 (DataCollectionRules.json, Microsoft's azure-rest-api-specs, TypeSpec-generated)" },
    // The vault's Entra ID credential, with the simulator as the authority host. The simulator is not on
    // *.ingest.monitor.azure.com, so the credential names the Azure Monitor scope itself (README: Credentials).
    vaultCredentials: { authType: 'azure_ad', credentials: { tenant_id: app.tenantId, client_id: app.clientId, client_secret: app.clientSecret, authority_host: baseUrl, scopes: [`${MONITOR_RESOURCE}/.default`] } },
    app,
    tokenUrl: `${baseUrl}/${app.tenantId}/oauth2/v2.0/token`,
    workspace,
    uploads,
    tokensIssued: credentials.issuedFor,
    rows: (stream = STREAM, rule = DCR_ID) => workspace.rows(rule, stream).map((s) => s.row),
    stored: (stream = STREAM, rule = DCR_ID) => workspace.rows(rule, stream),
    issueToken: (resource = MONITOR_RESOURCE) => credentials.issue(resource),
    deny: (rule = DCR_ID, denied = true) => void (denied ? workspace.denied.add(rule.toLowerCase()) : workspace.denied.delete(rule.toLowerCase())),
    outage: (answer) => void (held = answer),
    seed: (stream) => {
      throw noStream(stream);
    },
    records: (stream) => {
      throw noStream(stream);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The conformance suite's entry point. */
const simulator: SimulatorFactory = (options) => startSentinelSimulator(options);
export default simulator;
