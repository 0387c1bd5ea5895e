import { gunzipSync } from 'node:zlib';
import { accepted, azureError, unauthorized, type Answer } from './answers.ts';
import type { Credentials } from './credentials.ts';
import type { Workspace } from './workspace.ts';

export const UPLOAD_PATH = /^\/dataCollectionRules\/([^/]+)\/streams\/([^/]+)$/;

/** The versions "Logs Ingestion API in Azure Monitor" has documented: the stable one and the preview before it. */
const API_VERSIONS = new Set(['2023-01-01', '2021-11-01-preview']);

export interface UploadRequest {
  readonly rule: string;
  readonly stream: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** What the endpoint made of one call, for the simulator's log. */
export interface UploadOutcome {
  readonly answer: Answer;
  /** Rows stored (0 unless accepted). */
  readonly rows: number;
  readonly jsonBytes: number | undefined;
}

const header = (headers: UploadRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const refused = (answer: Answer, jsonBytes?: number): UploadOutcome => ({ answer, rows: 0, jsonBytes });

/**
 * POST {endpoint}/dataCollectionRules/{ruleId}/streams/{stream}?api-version=2023-01-01, as "Logs Ingestion
 * API in Azure Monitor" documents it (https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-ingestion-api-overview#rest-api-call)
 * and the API description (DataCollectionRules.json): a bearer token for https://monitor.azure.com,
 * `Content-Type: application/json`, optionally `Content-Encoding: gzip`, a UTF-8 JSON array of objects,
 * answered 204 once the rows are stored. Limits from "Azure Monitor service limits" (https://learn.microsoft.com/en-us/azure/azure-monitor/fundamentals/service-limits#logs-ingestion-api):
 * at most 1 MB per call, "both compressed and uncompressed data" (413 beyond). A 403 means the app lacks
 * the Monitoring Metrics Publisher role on the rule (the tutorial's troubleshooting table:
 * https://learn.microsoft.com/en-us/azure/azure-monitor/logs/tutorial-logs-ingestion-code#troubleshooting).
 *
 * Error codes: InvalidDcrImmutableId, InvalidStream and InvalidContentType are the codes the API answers
 * for those mistakes (as Microsoft's own Sentinel data connectors read them; OperationFailed is its 403).
 * Microsoft documents no code strings for a bad body, an unknown api-version or a 413: the simulator's
 * InvalidPayload, InvalidApiVersion and RequestEntityTooLarge are its own, and the connector reads those
 * answers by status only.
 */
export function upload(request: UploadRequest, ctx: { workspace: Workspace; credentials: Credentials; maxCallBytes: number }): UploadOutcome {
  const token = /^Bearer (\S+)$/.exec(header(request.headers, 'authorization') ?? '')?.[1];
  const why = ctx.credentials.refusal(token);
  if (why) return refused(unauthorized(why));
  const version = request.query.get('api-version');
  if (!version || !API_VERSIONS.has(version)) return refused(azureError(400, 'InvalidApiVersion', `The api-version '${version ?? ''}' is not supported; use 2023-01-01.`));
  if (!ctx.workspace.hasRule(request.rule)) return refused(azureError(400, 'InvalidDcrImmutableId', `The data collection rule '${request.rule}' was not found at this endpoint.`));
  if (ctx.workspace.denied.has(request.rule.toLowerCase())) {
    return refused(azureError(403, 'OperationFailed', `The authentication token provided does not have access to ingest data for the data collection rule with immutable Id '${request.rule}'.`));
  }
  if (!ctx.workspace.hasStream(request.rule, request.stream)) return refused(azureError(400, 'InvalidStream', `The stream '${request.stream}' is not declared in the data collection rule '${request.rule}'.`));
  const type = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const encoding = (header(request.headers, 'content-encoding') ?? '').trim().toLowerCase();
  if (type !== 'application/json' || (encoding !== '' && encoding !== 'gzip')) {
    return refused(azureError(400, 'InvalidContentType', `Content-Type must be application/json (got '${type}') and Content-Encoding gzip or absent (got '${encoding}').`));
  }
  const tooLarge = (bytes: number) => azureError(413, 'RequestEntityTooLarge', `The request is ${bytes} bytes; a call may carry at most ${ctx.maxCallBytes} bytes.`);
  if (request.body.length > ctx.maxCallBytes) return refused(tooLarge(request.body.length));
  let json: Buffer;
  try {
    json = encoding === 'gzip' ? gunzipSync(request.body, { maxOutputLength: ctx.maxCallBytes + 1 }) : request.body;
  } catch (error) {
    const overflow = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return refused(overflow ? tooLarge(ctx.maxCallBytes + 1) : azureError(400, 'InvalidPayload', 'The body is not valid gzip data.'));
  }
  if (json.length > ctx.maxCallBytes) return refused(tooLarge(json.length), json.length);
  let rows: unknown;
  try {
    rows = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return refused(azureError(400, 'InvalidPayload', 'The body is not UTF-8 encoded JSON.'), json.length);
  }
  if (!Array.isArray(rows) || !rows.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    return refused(azureError(400, 'InvalidPayload', 'The body must be a JSON array of objects matching the stream declaration.'), json.length);
  }
  ctx.workspace.store(request.rule, request.stream, rows as Record<string, unknown>[], header(request.headers, 'x-ms-client-request-id'));
  return { answer: accepted, rows: rows.length, jsonBytes: json.length };
}
