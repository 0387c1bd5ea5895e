import { PatchbayError } from '@patchbay/types';
import { combineSignals } from './attempt-signal.ts';
import { runAttempt } from './attempt.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { resolveOptions, type ClientRuntime, type HttpClientOptions } from './client-options.ts';
import { describeRequest, prepareRequest } from './prepared-request.ts';
import { retryDelay } from './retry.ts';
import type { HttpClient, HttpRequest, HttpResponse } from './types.ts';

/** `ctx.http` plus what the engine needs to manage it. */
export interface PatchbayHttpClient extends HttpClient {
  readonly breaker: CircuitBreaker | undefined;
  /** Closes the connection pool the client made (not an injected transport). */
  close(): Promise<void>;
}

class ToolkitHttpClient implements PatchbayHttpClient {
  readonly #runtime: ClientRuntime;

  constructor(options: HttpClientOptions) {
    this.#runtime = resolveOptions(options);
  }

  get breaker(): CircuitBreaker | undefined {
    return this.#runtime.breaker;
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const runtime = this.#runtime;
    const base = prepareRequest(request, runtime);
    runtime.guard.check(base.url);
    const signal = combineSignals(runtime.signal, request.signal);
    const maxAttempts = request.retry === false ? 1 : Math.max(1, runtime.retry.maxAttempts);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const result = await runAttempt(runtime, base, request, signal, attempt);
      if (result.ok) return result.response as HttpResponse<T>;
      const { error } = result;
      if (result.unauthorized && !refreshed && runtime.auth?.onUnauthorized) {
        refreshed = true;
        if (await runtime.auth.onUnauthorized(result.unauthorized)) {
          attempt--;
          continue;
        }
      }
      const delay = retryDelay(error, attempt, maxAttempts, runtime.retry, runtime.random);
      if (delay === undefined) throw error;
      const what = describeRequest(base.method, base.url);
      runtime.log?.warn({ http: { operation: request.operation, what, code: error.code, attempt, delayMs: delay } }, 'retrying vendor request');
      try {
        await runtime.clock.sleep(delay, signal);
      } catch (cause) {
        throw new PatchbayError('REQUEST_CANCELLED', { message: `${what} was cancelled while waiting to retry`, cause });
      }
    }
  }

  get<T = unknown>(url: string, options: Omit<HttpRequest, 'url' | 'method'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, url, method: 'GET' });
  }

  post<T = unknown>(url: string, body?: unknown, options: Omit<HttpRequest, 'url' | 'method' | 'body'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, url, method: 'POST', body });
  }

  async close(): Promise<void> {
    if (this.#runtime.ownsTransport) await this.#runtime.transport.close?.();
  }
}

/**
 * The client behind `ctx.http`, one per installation: auth, SSRF guard, rate limit, retries with
 * backoff, circuit breaker, timeouts and size limits on every call, all waiting through `clock`.
 */
export function createHttpClient(options: HttpClientOptions): PatchbayHttpClient {
  return new ToolkitHttpClient(options);
}
