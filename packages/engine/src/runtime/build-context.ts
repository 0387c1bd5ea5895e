import { createHttpClient, resolveAllowedHosts, type AnyConnector, type AuthApplier, type ConnectorContext, type HttpMetrics, type RateLimiter, type RetryOptions, type Transport } from '@patchbay/sdk';
import type { Clock } from '@patchbay/types';
import type { InstanceRow } from '../instances/instances.ts';
import type { Logger } from '../lib/logger.ts';

export interface ContextOptions {
  readonly connector: AnyConnector;
  readonly instance: Pick<InstanceRow, 'id' | 'configuration' | 'connectionUrl' | 'allowPrivateNetwork'>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly auth?: AuthApplier;
  /** A shared budget for the installation; without one, an in-process bucket from the declared limits. */
  readonly rateLimiter?: RateLimiter;
  /** Record/replay or tests. */
  readonly transport?: Transport;
  readonly onMetrics?: (m: HttpMetrics) => void;
  /** The HTTP client's retry settings, where a caller has its own time budget (destinations). */
  readonly retry?: Partial<RetryOptions>;
}

/** The one place a ConnectorContext is made: config parsed, SSRF guard and limits from the declaration and instance. */
export function buildConnectorContext(options: ContextOptions): ConnectorContext<Record<string, unknown>> & { close(): Promise<void> } {
  const { connector, instance } = options;
  const config = connector.config.parse(instance.configuration) as Record<string, unknown>;
  const baseUrl = instance.connectionUrl ?? (typeof config.base_url === 'string' ? config.base_url : undefined);
  const permissions: Record<string, readonly string[]> = {};
  for (const s of connector.streams ?? []) permissions[s.name] = s.permissions;
  for (const a of connector.actions ?? []) permissions[a.name] = a.permissions;
  const http = createHttpClient({
    baseUrl,
    allowedHosts: resolveAllowedHosts(connector.allowedHosts, config),
    allowPrivateNetwork: instance.allowPrivateNetwork,
    auth: options.auth,
    rateLimit: options.rateLimiter ? undefined : connector.rateLimits,
    rateLimiter: options.rateLimiter,
    clock: options.clock,
    signal: options.signal,
    log: options.log,
    transport: options.transport,
    permissions,
    onMetrics: options.onMetrics,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return {
    config,
    http,
    log: options.log.child({ connector: connector.id, instance: instance.id }),
    clock: options.clock,
    signal: options.signal,
    instanceId: instance.id,
    close: () => http.close(),
  };
}
