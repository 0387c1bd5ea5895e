import type { Clock, ErrorCode } from '@patchbay/types';
import type { Logger } from '../logger.ts';
import type { AuthApplier } from './auth/auth-applier.ts';
import { createCircuitBreaker, type BreakerOptions, type CircuitBreaker } from './circuit-breaker.ts';
import { createRateLimiter, type RateLimiter, type RateLimits } from './rate-limiter.ts';
import { defaultRetryOptions, type RetryOptions } from './retry.ts';
import { SsrfGuard, type Resolver } from './ssrf-guard.ts';
import type { Transport } from './transport.ts';
import { undiciTransport } from './undici-transport.ts';

/** One attempt, as the engine's metrics see it. */
export interface HttpMetrics {
  readonly operation: string | undefined;
  readonly method: string;
  readonly host: string;
  /** Undefined when no response came (network error, timeout, refused). */
  readonly status: number | undefined;
  /** The error code when the attempt failed. */
  readonly code: ErrorCode | undefined;
  readonly attempt: number;
  readonly durationMs: number;
  readonly bytes: number;
  /** Time spent waiting for the rate limiter before sending. */
  readonly throttledMs: number;
}

export interface HttpClientOptions {
  /** The instance's configured base URL: relative request URLs resolve against it, and its host is allowed. */
  readonly baseUrl?: string | URL;
  /** The connector's allowed hosts (`api.okta.com`, `*.okta.com`). */
  readonly allowedHosts?: readonly string[];
  /** The instance setting `allow_private_network` (default false). */
  readonly allowPrivateNetwork?: boolean;
  readonly auth?: AuthApplier;
  /** Declared limits for an in-memory budget; ignored when `rateLimiter` is given. None: unlimited. */
  readonly rateLimit?: RateLimits;
  /** A shared budget for the installation (the engine's, backed by PostgreSQL). */
  readonly rateLimiter?: RateLimiter;
  /** Breaker settings (on by default: 5 failures, 30 s); false turns it off. Ignored when `circuitBreaker` is given. */
  readonly breaker?: BreakerOptions | false;
  readonly circuitBreaker?: CircuitBreaker;
  readonly retry?: Partial<RetryOptions>;
  /** Per attempt, from sending to the last body byte (default 30 s). */
  readonly timeoutMs?: number;
  /** Response size limit (default 10 MiB). */
  readonly maxBytes?: number;
  /** Redirect hops followed, each through the SSRF guard (default 5; 0 returns 3xx as errors). */
  readonly maxRedirects?: number;
  readonly clock: Clock;
  /** Jitter source (default Math.random): tests pass a fixed one. */
  readonly random?: () => number;
  /** Aborts every request (`ctx.signal`). */
  readonly signal?: AbortSignal;
  readonly log?: Logger;
  /** Performs requests (default: undici with the guard at connect time). */
  readonly transport?: Transport;
  /** DNS resolution for the SSRF guard (tests map names to addresses with it). */
  readonly resolve?: Resolver;
  /** Permissions each operation needs (`{ 'list-alerts': ['alerts:read'] }`), named in 403 errors. */
  readonly permissions?: Readonly<Record<string, string | readonly string[]>>;
  readonly userAgent?: string;
  readonly onMetrics?: (metrics: HttpMetrics) => void;
}

/** Everything an attempt needs, resolved from the options once per client. */
export interface ClientRuntime {
  readonly baseUrl: URL | undefined;
  readonly guard: SsrfGuard;
  readonly transport: Transport;
  readonly ownsTransport: boolean;
  readonly auth: AuthApplier | undefined;
  readonly limiter: RateLimiter | undefined;
  readonly breaker: CircuitBreaker | undefined;
  readonly retry: RetryOptions;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly signal: AbortSignal | undefined;
  readonly log: Logger | undefined;
  readonly permissions: Readonly<Record<string, string | readonly string[]>>;
  readonly userAgent: string;
  readonly onMetrics: ((metrics: HttpMetrics) => void) | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_USER_AGENT = 'Patchbay-Connector/0.1';

export function resolveOptions(options: HttpClientOptions): ClientRuntime {
  const clock = options.clock;
  const baseUrl = options.baseUrl === undefined ? undefined : new URL(options.baseUrl);
  const guard = new SsrfGuard({
    allowedHosts: options.allowedHosts ?? [],
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    ...(baseUrl ? { baseUrl } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const tls = options.auth?.tls;
  const transport = options.transport ?? undiciTransport({ guard, ...(tls ? { tls } : {}) });
  const breaker = options.circuitBreaker ?? (options.breaker === false ? undefined : createCircuitBreaker(options.breaker ?? {}, clock));
  const limiter = options.rateLimiter ?? (options.rateLimit ? createRateLimiter(options.rateLimit, clock) : undefined);
  return {
    baseUrl,
    guard,
    transport,
    ownsTransport: options.transport === undefined,
    auth: options.auth,
    limiter,
    breaker,
    retry: { ...defaultRetryOptions, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRedirects: options.maxRedirects ?? 5,
    clock,
    random: options.random ?? Math.random,
    signal: options.signal,
    log: options.log,
    permissions: options.permissions ?? {},
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    onMetrics: options.onMetrics,
  };
}
