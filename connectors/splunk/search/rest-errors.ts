import { PatchbayError } from '@patchbay/types';

/**
 * The REST API's messages, `{"messages":[{"type":"ERROR","text":"..."}]}` on errors and in a job's
 * status (REST API Reference, "Endpoints reference list", response messages), joined for an error.
 */
export function restMessages(body: unknown): string | undefined {
  const messages = (body as { messages?: unknown } | null | undefined)?.messages;
  if (!Array.isArray(messages)) return undefined;
  const texts = messages
    .map((m: unknown) => (m as { text?: unknown } | null)?.text)
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .map((t) => t.slice(0, 300));
  return texts.length > 0 ? texts.join('; ') : undefined;
}

/** A 400 from the REST API: the request was refused, with Splunk's own words. */
export function refusal(what: string, body: unknown, hint: string): PatchbayError {
  const messages = restMessages(body);
  return new PatchbayError('VENDOR_REQUEST_REJECTED', { message: `Splunk ${what}${messages ? `: ${messages}` : ''}`, hint, details: { status: 400 } });
}

/**
 * A search job Splunk no longer knows (404 "Unknown sid": its ttl passed, or someone deleted it): like
 * an expired page token, the engine restarts the stream from its last checkpoint with a new job.
 */
export function jobGone(sid: string): PatchbayError {
  return new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `Splunk no longer knows search job ${sid} (404): it expired or was deleted`, details: { sid } });
}
