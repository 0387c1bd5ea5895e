import type { ServerResponse } from 'node:http';
import type { Fault } from '@patchbay/conformance';
import { FieldErrors, jiraFailure, type Answer } from './answers.ts';

/** Writes an answer; `cut` sends half of its JSON (the malformed-json fault). */
export function send(response: ServerResponse, answer: Answer, cut: boolean): void {
  const hasBody = answer.body !== undefined && answer.status !== 204;
  // Jira labels its 204s application/json too (the description declares that media type for them).
  response.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8', ...answer.headers });
  if (!hasBody) return void response.end();
  const text = JSON.stringify(answer.body);
  response.end(cut ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}

/** A JSON request body; one Jira cannot parse is a 400. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FieldErrors({}, ['Unexpected character: the request body is not valid JSON.']);
  }
}

/** 429 as Jira sends it (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): Retry-After, the X-RateLimit-* headers and the reason. */
export function rateLimited(fault: Extract<Fault, { kind: 'rate-limit' }>, nowMs: number): Answer {
  const reset = new Date(nowMs + fault.retryAfterSeconds * 1000).toISOString().slice(0, 16) + 'Z';
  const headers = { 'retry-after': String(fault.retryAfterSeconds), 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'ratelimit-reason': 'jira-burst-based' };
  return jiraFailure(429, ['Rate limit exceeded.'], {}, headers);
}
