import type { ServerResponse } from 'node:http';

/** An answer of the simulated PagerDuty. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export const ok = (body: unknown, status = 200): Answer => ({ status, body });

/**
 * PagerDuty's REST error body, `{ error: { message, code, errors } }`, with a code of its error table
 * (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/14-Errors.md).
 */
export function restError(status: number, code: number, message: string, errors: readonly string[] = [], headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers, body: { error: { message, code, ...(errors.length > 0 ? { errors } : {}) } } };
}

export const unauthorized = () => restError(401, 2006, 'Authentication failed', [], { 'www-authenticate': 'Token realm="PagerDuty"' });
export const accessDenied = () => restError(403, 2010, 'Access Denied');
export const notFound = () => restError(404, 2100, 'Not Found');
export const invalidInput = (...errors: string[]) => restError(400, 2001, 'Invalid Input Provided', errors);
export const internalError = () => restError(500, 2000, 'An internal error has occurred. PagerDuty team has been notified.');

/**
 * 429 as https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/04-Rate-Limits.md shows it:
 * no Retry-After, the ratelimit-* headers with ratelimit-reset in seconds, and error code 2020.
 */
export function rateLimited(limit: number, resetSeconds: number): Answer {
  return restError(429, 2020, 'Rate Limit Exceeded', [], { 'ratelimit-limit': String(limit), 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetSeconds) });
}

/** The Events API's answers (https://github.com/PagerDuty/developer-docs/blob/main/docs/events-API-v2/01-Overview.md). */
export const eventAccepted = (dedupKey: string): Answer => ({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } });
export const eventInvalid = (...errors: string[]): Answer => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });

/** Writes an answer; `cut` sends the first part of a JSON body only (the malformed-json fault). */
export function send(response: ServerResponse, answer: Answer, cut = false): void {
  const hasBody = answer.body !== undefined && answer.status !== 204;
  response.writeHead(answer.status, { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...answer.headers });
  if (!hasBody) return void response.end();
  const text = JSON.stringify(answer.body);
  response.end(cut ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}
