import { isIP } from 'node:net';
import { resolveAllowedHosts, SsrfGuard, type AnyConnector, type AuthApplier, type DestinationContext, type Transport } from '@patchbay/sdk';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';

/** The longest Retry-After a destination's HTTP client waits out inside one send. */
export const MAX_WAIT_IN_SEND_MS = 10_000;

/**
 * The connector context of a destination: the usual one (HTTP client with auth, limits and the SSRF
 * guard), plus the same guard for raw sockets: `checkHost` before connecting and `lookup` for the
 * connection itself, so a syslog destination cannot reach a private address unless an administrator set
 * allow_private_network on its instance.
 */
export function buildDestinationContext(deps: EngineDeps, connector: AnyConnector, instance: InstanceRow, signal: AbortSignal, auth?: AuthApplier, transport?: Transport): DestinationContext & { close(): Promise<void> } {
  // A send has a time budget (deliver.ts): a receiver asking for a longer wait fails the send with its
  // Retry-After, and the cursor's next attempt waits that long, instead of the send timing out mid-wait.
  const base = buildConnectorContext({ connector, instance, clock: deps.clock, log: deps.log, signal, auth, transport, retry: { maxRetryAfterMs: MAX_WAIT_IN_SEND_MS } });
  const guard = new SsrfGuard({ allowedHosts: resolveAllowedHosts(connector.allowedHosts, base.config), allowPrivateNetwork: instance.allowPrivateNetwork });
  return {
    ...base,
    checkHost: (host: string) => guard.check(new URL(`https://${isIP(host) === 6 ? `[${host}]` : host}/`)),
    lookup: guard.lookup as DestinationContext['lookup'],
    close: base.close,
  };
}
