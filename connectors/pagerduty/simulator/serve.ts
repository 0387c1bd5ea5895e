import type { FaultQueue, SimulatorRequest } from '@patchbay/conformance';
import type { LocalHandler } from '@patchbay/sdk/testing';
import type { Clock } from '@patchbay/types';
import type { SimulatedAccount } from './account.ts';
import { accessDenied, internalError, rateLimited, send, unauthorized, type Answer } from './answers.ts';
import type { EventsApi } from './events-api.ts';
import { serveRest } from './rest-api.ts';

/** REST API requests per minute per key (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/04-Rate-Limits.md). */
const RATE_LIMIT = 960;

export interface HandlerDeps {
  readonly account: SimulatedAccount;
  readonly events: EventsApi;
  readonly faults: FaultQueue;
  readonly requests: SimulatorRequest[];
  /** Keys that may only read (writes answer 403, code 2010). */
  readonly readOnly: ReadonlySet<string>;
  readonly clock: Clock;
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Every request of the simulated account: queued events due by now are applied first; then the Events API
 * (POST /v2/enqueue, no authentication: the routing key is in the body) or the REST API (a `Token
 * token=<key>` Authorization header; the `ratelimit-*` headers on every answer). The injected faults
 * apply to either, one request each.
 */
export function createHandler(deps: HandlerDeps): LocalHandler {
  const revoked = new Set<string>();
  const window = { minute: -1, used: 0 };
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const nowMs = deps.clock.now().getTime();
    deps.events.process();
    const fault = deps.faults.take();
    let answer: Answer;
    if (method === 'POST' && (url.pathname === '/v2/enqueue' || url.pathname === '/enqueue')) {
      // Prism proxies the Events API without the /v2 of its server URL, hence both paths.
      if (fault?.kind === 'rate-limit') answer = { status: 429, body: { status: 'throttle exceeded', message: 'Request Limit Exceeded' } };
      else if (fault?.kind === 'server-errors') answer = { status: 500, body: { status: 'error', message: 'Internal Server Error' } };
      else answer = deps.events.receive(parse(request.body));
    } else {
      const token = /^Token token=(\S+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      if (fault?.kind === 'unauthorized-once' && token) revoked.add(token);
      const minute = Math.floor(nowMs / 60_000);
      window.used = window.minute === minute ? window.used + 1 : 1;
      window.minute = minute;
      if (!token || revoked.has(token)) answer = unauthorized();
      // The window reopens retryAfterSeconds after the second this request fell in ends: whole seconds, rounded up.
      else if (fault?.kind === 'rate-limit') answer = rateLimited(RATE_LIMIT, fault.retryAfterSeconds + 1);
      else if (fault?.kind === 'server-errors') answer = internalError();
      else if (method !== 'GET' && deps.readOnly.has(token)) answer = accessDenied();
      else answer = serveRest(deps.account, { method, path: url.pathname, query: url.searchParams, from: request.headers.from as string | undefined, body: parse(request.body), nowMs });
      if (answer.status !== 429) answer = { ...answer, headers: { 'ratelimit-limit': String(RATE_LIMIT), 'ratelimit-remaining': String(Math.max(1, RATE_LIMIT - window.used)), 'ratelimit-reset': String(60 - Math.floor((nowMs / 1000) % 60)), ...answer.headers } };
    }
    deps.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: answer.status, ...(fault ? { fault: fault.kind } : {}) });
    send(response, answer, fault?.kind === 'malformed-json' && answer.status < 300);
  };
}
