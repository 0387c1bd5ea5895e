import type { ServerResponse } from 'node:http';
import type { Fault } from '@patchbay/conformance';
import { badRequest, snError, type Answer } from './answers.ts';

/** Writes an answer; `cut` sends a JSON body cut short (the malformed-json fault). */
export function send(response: ServerResponse, answer: Answer, cut = false): void {
  if (answer.html !== undefined) {
    response.writeHead(answer.status, { 'content-type': 'text/html;charset=UTF-8', ...answer.headers });
    response.end(answer.html);
    return;
  }
  const hasBody = answer.body !== undefined && answer.status !== 204;
  response.writeHead(answer.status, { ...(hasBody ? { 'content-type': 'application/json;charset=UTF-8' } : {}), ...answer.headers });
  if (!hasBody) return void response.end();
  const text = JSON.stringify(answer.body);
  response.end(cut ? text.slice(0, Math.max(1, Math.min(40, text.length - 1))) : text);
}

/** A JSON request body; an unreadable one is ServiceNow's 400. */
export function jsonBody(text: string): { body: unknown } | { answer: Answer } {
  if (text.trim() === '') return { body: {} };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { answer: badRequest('Cannot decode: java.io.StringReader (the body is not JSON)') };
  }
}

/**
 * The answer for a fault the conformance suite injected, when it replaces the instance's own: a rate
 * limit rule's 429 with Retry-After and X-RateLimit-* (https://www.servicenow.com/docs/r/api-reference/rest-api-explorer/inbound-REST-API-rate-limiting.html),
 * or the load balancer's 503 page of a node that is down.
 */
export function faultAnswer(fault: Fault | undefined, nowMs: number): Answer | undefined {
  if (fault?.kind === 'rate-limit') {
    return {
      ...snError(429, 'Rate limit exceeded', 'The rate limit rule "Patchbay integration" allows 3600 requests per hour'),
      headers: {
        'retry-after': String(fault.retryAfterSeconds),
        'x-ratelimit-limit': '3600',
        'x-ratelimit-reset': String(Math.ceil(nowMs / 1000) + fault.retryAfterSeconds),
        'x-ratelimit-rule': 'b7e4b2c11b1f3010a8f3a8e4dc4bcb11',
      },
    };
  }
  if (fault?.kind === 'server-errors') {
    return { status: 503, html: '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The instance node is not available.</p></body></html>' };
  }
  return undefined;
}
