import { isPatchbayError, PatchbayError, type ErrorCode } from '@patchbay/types';

/**
 * HEC's answer body: `{"text":"Success","code":0}` (with `ackId` when the token has indexer
 * acknowledgement), or an error `{"text":…,"code":N}` (with `invalid-event-number`, the 0-based event of
 * the request that HEC refused, for data errors). The codes are documented in "Troubleshoot HTTP Event
 * Collector" (https://docs.splunk.com/Documentation/Splunk/latest/Data/TroubleshootHTTPEventCollector,
 * "Possible error codes") and on "HTTP Event Collector REST API endpoints"
 * (https://docs.splunk.com/Documentation/Splunk/latest/RESTREF/RESTinput#services.2Fcollector.2Fevent).
 */
export interface HecAnswer {
  readonly text?: string;
  readonly code?: number;
  readonly ackId?: number;
  readonly 'invalid-event-number'?: number;
}

/** The body as HEC's JSON answer, or an empty answer when it is not one (a proxy's HTML page, say). */
export function parseHecAnswer(text: string): HecAnswer {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as HecAnswer) : {};
  } catch {
    return {};
  }
}

interface Rule {
  readonly code: ErrorCode;
  readonly hint: string;
}

const AUTH_HINT = 'A destination instance needs an api_key credential with header_name "Authorization", prefix "Splunk " and the HEC token as api_key (a bearer credential is for base_url).';

/** What each documented HEC error code means for the batch, and how to fix it. */
const RULES: Readonly<Record<number, Rule>> = {
  1: { code: 'VENDOR_AUTH_FAILED', hint: 'The HEC token is disabled: enable it in Splunk Web → Settings → Data inputs → HTTP Event Collector (and check that "All tokens" is enabled in Global Settings).' },
  2: { code: 'VENDOR_AUTH_FAILED', hint: `No HEC token reached the collector. ${AUTH_HINT}` },
  3: { code: 'VENDOR_AUTH_FAILED', hint: `The Authorization header is not "Splunk <HEC token>". ${AUTH_HINT}` },
  4: { code: 'VENDOR_AUTH_FAILED', hint: 'The collector does not know this HEC token: copy it again from Settings → Data inputs → HTTP Event Collector into the instance\'s credential.' },
  5: { code: 'DESTINATION_REJECTED', hint: 'HEC received no event: skip the batch; a JSONata template that renders nothing names the event.' },
  6: { code: 'DESTINATION_REJECTED', hint: 'HEC could not read an event of the batch (invalid-event-number names it): skip the batch to the dead-letter queue, fix the format or template, then replay.' },
  7: { code: 'DESTINATION_REJECTED', hint: 'The index is not one the HEC token may write to: add it to the token\'s allowed indexes, or change hec_index (or the format\'s index option), then replay.' },
  10: { code: 'VENDOR_REQUEST_REJECTED', hint: 'The token has indexer acknowledgement on and needs X-Splunk-Request-Channel: set hec_channel to a GUID (the instance id is used otherwise).' },
  11: { code: 'VENDOR_REQUEST_REJECTED', hint: 'HEC refused the channel: set hec_channel to a GUID such as 0a6f3b2c-5d1e-4f7a-9b8c-2d3e4f5a6b7c.' },
  12: { code: 'DESTINATION_REJECTED', hint: 'An event has no `event` field: a JSONata template must render something for every event.' },
  13: { code: 'DESTINATION_REJECTED', hint: 'An event is blank: a JSONata template must not render an empty string.' },
  14: { code: 'CONFIG_INVALID', hint: 'Indexer acknowledgement is off on this HEC token: set use_ack to false on the instance, or enable "Indexer acknowledgement" on the token.' },
  15: { code: 'DESTINATION_REJECTED', hint: 'HEC could not index the `fields` of an event: indexed fields take strings and numbers (or lists of them) only.' },
};

export interface HecFailureContext {
  /** `send` for /services/collector/event, `ack` for /services/collector/ack. */
  readonly call: 'send' | 'ack';
  readonly host: string;
  /** The outbox event ids of the request, in order (for invalid-event-number). */
  readonly ids?: readonly string[];
}

/** The PatchbayError for a HEC answer other than Success (a 4xx the connector reads itself). */
export function hecError(status: number, answer: HecAnswer, context: HecFailureContext): PatchbayError {
  const hecCode = typeof answer.code === 'number' ? answer.code : undefined;
  const text = typeof answer.text === 'string' ? answer.text.slice(0, 200) : undefined;
  const invalid = answer['invalid-event-number'];
  const eventId = typeof invalid === 'number' ? context.ids?.[invalid] : undefined;
  const what = `Splunk HEC at ${context.host} refused the ${context.call === 'send' ? 'batch' : 'acknowledgement query'} (${status}${hecCode === undefined ? '' : `, HEC code ${hecCode}`}${text ? `: ${text}` : ''})`;
  const details = { status, ...(hecCode === undefined ? {} : { hec_code: hecCode }), ...(text ? { hec_text: text } : {}), ...(typeof invalid === 'number' ? { invalid_event_number: invalid } : {}), ...(eventId ? { event_id: eventId } : {}) };
  const rule = hecCode === undefined ? undefined : RULES[hecCode];
  if (rule) {
    return new PatchbayError(rule.code, { message: eventId ? `${what}; the event it could not take is ${eventId}` : what, hint: rule.hint, details, ...(rule.code === 'CONFIG_INVALID' ? { field: 'configuration.use_ack' } : {}) });
  }
  if (status === 413) {
    return new PatchbayError('DESTINATION_REJECTED', { message: `${what}: the request is larger than the collector takes`, hint: 'Lower max_batch_bytes on the instance below the collector\'s max_content_length, then skip or retry.', details });
  }
  if (status === 401 || status === 403) return new PatchbayError('VENDOR_AUTH_FAILED', { message: what, hint: AUTH_HINT, details });
  if (status === 404) {
    return new PatchbayError('VENDOR_REQUEST_REJECTED', { message: what, hint: 'Check hec_url (scheme, host and port, 8088 by default) and that HTTP Event Collector is enabled (Global Settings → All tokens: Enabled).', details });
  }
  return new PatchbayError('VENDOR_REQUEST_REJECTED', { message: what, hint: 'Read the HEC text in the message; "Troubleshoot HTTP Event Collector" in the Splunk documentation lists the codes.', details });
}

/** Failures that leave the batch unsent but may pass: HEC busy or down, a timeout, the breaker open. */
const UNAVAILABLE: ReadonlySet<string> = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT', 'VENDOR_RATE_LIMITED', 'CIRCUIT_OPEN']);

/**
 * What the HTTP client threw after its own retries, as the destination reports it: HEC busy (503, HEC
 * code 9), failing (500, code 8), rate limited or unreachable becomes DESTINATION_SEND_FAILED, so the
 * hub keeps the cursor and retries the batch with backoff. Anything else stays as it was.
 */
export function asSendFailure(error: unknown, host: string): unknown {
  if (!isPatchbayError(error) || !UNAVAILABLE.has(error.code)) return error;
  const status = (error.details as { status?: unknown } | undefined)?.status;
  const reason = status === 503 ? 'server is busy or down (503, HEC code 9 when its queues are full)' : status === 500 ? 'internal server error (500, HEC code 8)' : error.message;
  return new PatchbayError('DESTINATION_SEND_FAILED', {
    message: `Splunk HEC at ${host} did not take the batch: ${reason}`,
    hint: error.hint ?? 'Nothing if the collector is busy or restarting: the batch is retried with backoff and the cursor waits. If it persists, check the indexers\' queues and the HEC health endpoint (/services/collector/health).',
    details: { code: error.code, ...(typeof status === 'number' ? { status } : {}) },
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    cause: error,
  });
}
