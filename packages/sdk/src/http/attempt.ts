import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { AttemptSignal } from './attempt-signal.ts';
import { statusError } from './classify.ts';
import type { ClientRuntime } from './client-options.ts';
import { parseBody, bytesToText } from './parse-body.ts';
import { describeRequest, type PreparedRequest } from './prepared-request.ts';
import { readBody } from './read-body.ts';
import { sendFollowingRedirects } from './send-exchange.ts';
import { transportError } from './transport-error.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

export type AttemptResult =
  | { readonly ok: true; readonly response: HttpResponse }
  | { readonly ok: false; readonly error: PatchbayError; readonly unauthorized?: PreparedRequest };

const VENDOR_FAILING = new Set(['VENDOR_UNAVAILABLE', 'VENDOR_TIMEOUT']);
const NOT_SENT = new Set(['REQUEST_CANCELLED', 'HOST_NOT_ALLOWED', 'PRIVATE_NETWORK_BLOCKED']);

/** Tells the breaker: the vendor is failing, answered (even with a 4xx), or the call never told. */
function settleBreaker(runtime: ClientRuntime, error: PatchbayError | undefined): void {
  const breaker = runtime.breaker;
  if (!breaker) return;
  if (error === undefined) breaker.success();
  else if (VENDOR_FAILING.has(error.code)) breaker.failure();
  else if (NOT_SENT.has(error.code)) breaker.release();
  else breaker.success();
}

function cancelledOr(error: unknown, signal: AbortSignal | undefined, what: string): unknown {
  if (signal?.aborted) return new PatchbayError('REQUEST_CANCELLED', { message: `${what} was cancelled`, cause: error });
  return error;
}

function permissionsFor(runtime: ClientRuntime, operation: string | undefined): readonly string[] | undefined {
  const declared = operation === undefined ? undefined : runtime.permissions[operation];
  return typeof declared === 'string' ? [declared] : declared;
}

/** One attempt: rate limit, breaker, timeout, send (with redirects), read within the limit, classify. */
export async function runAttempt(
  runtime: ClientRuntime,
  base: PreparedRequest,
  request: HttpRequest,
  signal: AbortSignal | undefined,
  attempt: number,
): Promise<AttemptResult> {
  const what = describeRequest(base.method, base.url);
  let throttledMs = 0;
  try {
    if (runtime.limiter) throttledMs = await runtime.limiter.acquire(1, signal, runtime.retry.maxRetryAfterMs);
    runtime.breaker?.enter();
  } catch (error) {
    const settled = cancelledOr(error, signal, what);
    if (isPatchbayError(settled)) return { ok: false, error: settled };
    throw settled;
  }
  const timeoutMs = request.timeoutMs ?? runtime.timeoutMs;
  const timer = new AttemptSignal(runtime.clock, timeoutMs, signal);
  const started = performance.now();
  let status: number | undefined;
  let bytes = 0;
  let failure: PatchbayError | undefined;
  let unexpected = false;
  try {
    const { response, sent } = await sendFollowingRedirects(runtime, base, request.acceptStatus, timer.signal);
    status = response.status;
    runtime.limiter?.observe(response);
    const body = await readBody(response.body, request.maxBytes ?? runtime.maxBytes, response.headers.get('content-length'), what);
    bytes = body.byteLength;
    if ((status < 200 || status >= 300) && !request.acceptStatus?.includes(status)) {
      failure = statusError({
        status,
        headers: response.headers,
        bodyText: bytesToText(body),
        what,
        operation: request.operation,
        permissions: permissionsFor(runtime, request.operation),
        nowMs: runtime.clock.now().getTime(),
      });
      return status === 401 ? { ok: false, error: failure, unauthorized: sent } : { ok: false, error: failure };
    }
    const parsed = parseBody(body, response.headers.get('content-type'), request.responseType, what);
    const durationMs = performance.now() - started;
    return { ok: true, response: { status, headers: response.headers, url: sent.url.href, body: parsed, bytes, durationMs } };
  } catch (error) {
    const settled = transportError(error, { cancelled: timer.cancelled, timedOut: timer.timedOut, what, timeoutMs });
    if (!isPatchbayError(settled)) {
      unexpected = true;
      throw settled;
    }
    failure = settled;
    return { ok: false, error: settled };
  } finally {
    timer.dispose();
    if (unexpected) runtime.breaker?.release();
    else settleBreaker(runtime, failure);
    const durationMs = performance.now() - started;
    const host = base.url.host;
    runtime.onMetrics?.({ operation: request.operation, method: base.method, host, status, code: failure?.code, attempt, durationMs, bytes, throttledMs });
    runtime.log?.debug(
      { http: { operation: request.operation, method: base.method, host, path: base.url.pathname, status, code: failure?.code, attempt, durationMs: Math.round(durationMs), bytes } },
      'vendor request',
    );
  }
}
