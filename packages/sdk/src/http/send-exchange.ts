import type { ClientRuntime } from './client-options.ts';
import { copyRequest, type PreparedRequest } from './prepared-request.ts';
import { REDIRECT_STATUSES, nextHop } from './redirects.ts';
import { discardBody, type TransportResponse } from './transport.ts';

export interface Exchange {
  readonly response: TransportResponse;
  /** The final hop's request as prepared, before auth (no keys in its URL). */
  readonly sent: PreparedRequest;
}

/**
 * Sends one attempt: auth on a copy, then the transport; follows redirects the caller did not accept,
 * each hop checked by the SSRF guard, and credentials only on the original origin.
 */
export async function sendFollowingRedirects(
  runtime: ClientRuntime,
  base: PreparedRequest,
  acceptStatus: readonly number[] | undefined,
  signal: AbortSignal,
): Promise<Exchange> {
  let current = base;
  for (let hop = 0; ; hop++) {
    if (hop > 0) runtime.guard.check(current.url);
    if (runtime.transport.addressCheck === undefined) await runtime.guard.checkResolved(current.url.hostname);
    const authorize = runtime.auth !== undefined && current.url.origin === base.url.origin;
    const wire = authorize ? copyRequest(current) : current;
    if (authorize) await runtime.auth!.apply(wire);
    const response = await runtime.transport.send({ method: wire.method, url: wire.url, headers: wire.headers, body: wire.body, signal });
    const location = response.headers.get('location');
    const follow =
      REDIRECT_STATUSES.has(response.status) && location !== null && hop < runtime.maxRedirects && !acceptStatus?.includes(response.status);
    if (!follow) return { response, sent: current };
    await discardBody(response.body);
    current = nextHop(current, response.status, location, base.url.origin);
  }
}
