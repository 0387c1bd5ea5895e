import type { HttpResponse } from '@patchbay/sdk';
import { isPatchbayError, PatchbayError } from '@patchbay/types';
import type { SentinelConfig } from './config.ts';

/** Where a failing call sits in its batch, for the error's details. */
export interface CallContext {
  readonly call: number;
  readonly calls: number;
  readonly requestId: string;
  readonly firstEventId: string;
}

/** The statuses the connector reads itself; 401, 429, 5xx and timeouts go through the SDK's retry and refresh policies. */
export const HANDLED_STATUSES = [400, 403, 404, 413] as const;

const PUBLISHER_ROLE = 'Monitoring Metrics Publisher';

/** `error.code` and `error.message` of an Azure Core error response (or the `x-ms-error-code` header). */
function vendorErrorOf(response: HttpResponse<string>): { code: string; message: string } {
  let code = response.headers.get('x-ms-error-code') ?? '';
  let message = '';
  try {
    const parsed = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code === 'string') code = parsed.error.code;
    if (typeof parsed.error?.message === 'string') message = parsed.error.message.slice(0, 300);
  } catch {
    message = '';
  }
  return { code: code || 'Unknown', message };
}

const said = (vendor: { code: string; message: string }) => (vendor.message ? `: ${vendor.message}` : '');

/** The error for a call the endpoint refused with one of HANDLED_STATUSES. */
export function refusal(response: HttpResponse<string>, config: SentinelConfig, at: CallContext): PatchbayError {
  const vendor = vendorErrorOf(response);
  const details = { status: response.status, vendor_code: vendor.code, dcr_immutable_id: config.dcr_immutable_id, stream_name: config.stream_name, ...at };
  const rule = `data collection rule ${config.dcr_immutable_id}`;
  if (response.status === 403) {
    return new PatchbayError('VENDOR_PERMISSION_DENIED', {
      message: `The app registration may not send to ${rule} (403 ${vendor.code})${said(vendor)}`,
      hint: `Assign the ${PUBLISHER_ROLE} role on the data collection rule to the app registration (DCR → Access control (IAM) → Add role assignment). A new assignment can take up to 30 minutes to apply.`,
      details: { ...details, permission: PUBLISHER_ROLE },
    });
  }
  if (response.status === 413) {
    return new PatchbayError('DESTINATION_SEND_FAILED', {
      message: `The endpoint refused call ${at.call} of ${at.calls} as too large (413 ${vendor.code})${said(vendor)}`,
      hint: 'Lower max_bytes_per_call on the instance (the API takes at most 1 MB per call), then let the batch retry.',
      details: { ...details, max_bytes_per_call: config.max_bytes_per_call },
      retryable: false,
    });
  }
  if (response.status === 404) {
    return new PatchbayError('VENDOR_REQUEST_REJECTED', {
      field: 'configuration.endpoint',
      message: `The endpoint ${new URL(config.endpoint).host} has no ingestion route for ${rule} (404 ${vendor.code})${said(vendor)}`,
      hint: "Set endpoint to the DCR's logs ingestion endpoint or a data collection endpoint URL, without a path.",
      details,
    });
  }
  switch (vendor.code) {
    case 'InvalidStream':
      return new PatchbayError('VENDOR_REQUEST_REJECTED', {
        field: 'configuration.stream_name',
        message: `The ${rule} has no stream ${config.stream_name} (400 InvalidStream)${said(vendor)}`,
        hint: 'Set stream_name to a stream of the DCR: a Custom-<name> of its streamDeclarations, or a Microsoft-<Table> stream of its dataFlows. Names are case-sensitive.',
        details,
      });
    case 'InvalidDcrImmutableId':
      return new PatchbayError('VENDOR_REQUEST_REJECTED', {
        field: 'configuration.dcr_immutable_id',
        message: `The endpoint does not know ${rule} (400 InvalidDcrImmutableId)${said(vendor)}`,
        hint: "Copy immutableId from the DCR's JSON view, and use the DCR's own logs ingestion endpoint or a data collection endpoint in the DCR's region.",
        details,
      });
    case 'InvalidContentType':
      return new PatchbayError('VENDOR_REQUEST_REJECTED', {
        message: `The endpoint refused the content type or encoding of the call (400 InvalidContentType)${said(vendor)}`,
        hint: 'Turn gzip off on the instance if a proxy in between changes Content-Encoding; otherwise report it with the request id.',
        details,
      });
    default:
      return new PatchbayError('VENDOR_REQUEST_REJECTED', {
        message: `The ${rule} refused the rows of call ${at.call} of ${at.calls} (400 ${vendor.code})${said(vendor)}`,
        hint: "Compare the rows (README: row shape) with the stream declaration's columns and types, or shape them with a jsonata format. A batch it will never take can be skipped to the dead-letter queue (POST .../skip).",
        details,
      });
  }
}

/** Adds the Azure-specific fix and the call's place to what the SDK threw (401 after a refresh, 429 and 5xx after its retries). */
export function explain(error: unknown, config: SentinelConfig, at: CallContext): unknown {
  if (!isPatchbayError(error)) return error;
  const hint: Partial<Record<string, string>> = {
    VENDOR_AUTH_FAILED:
      "Check tenant_id and the auth config's client id and secret. The token must be for Azure Monitor (https://monitor.azure.com/.default): for an endpoint outside *.ingest.monitor.azure.com, .us or .cn, put that scope in the auth config's scopes.",
    VENDOR_RATE_LIMITED: "The data collection rule's limits (12,000 requests and 2 GB a minute) were exceeded: the batch is retried after the time the API asked for.",
    VENDOR_UNAVAILABLE: 'Nothing: the batch is retried with backoff and the cursor waits. Check the Azure status page if it persists.',
  };
  if (hint[error.code] === undefined) return error;
  return new PatchbayError(error.code, {
    message: `${error.message} (call ${at.call} of ${at.calls} to ${config.stream_name})`,
    hint: hint[error.code],
    details: { ...error.details, ...at, dcr_immutable_id: config.dcr_immutable_id },
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}
