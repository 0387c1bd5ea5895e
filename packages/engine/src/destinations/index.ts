import type { Transport } from '@patchbay/sdk';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { AuthResolver } from '../sync/sync-service.ts';
import { createDestinationDelivery, type DestinationDeliveryOptions } from './deliver.ts';
import { allDestinationHealth, destinationHealth, type DestinationHealth } from './destination-health.ts';
import { createDestinationService, type DestinationRow } from './destination-service.ts';

export interface DestinationsOptions extends DestinationDeliveryOptions {
  /** Idle poll interval of the delivery loop (real time; default 250 ms). */
  readonly pollMs?: number;
}

/**
 * SIEM destinations: CRUD, skip and replay (audited), the delivery loop (`start` in the scheduler's
 * process, `runOnce`/`drain` in tests), and health and lag for the API and /metrics.
 */
export function createDestinations(deps: EngineDeps, registry: ConnectorRegistry, authFor?: AuthResolver, transport?: Transport, options: DestinationsOptions = {}) {
  const delivery = createDestinationDelivery(deps, registry, authFor, transport, options);
  let loop: { stop(): Promise<void>; wake(): void } | null = null;
  const service = createDestinationService(deps, registry, () => loop?.wake());

  function startLoop(): { stop(): Promise<void>; wake(): void } {
    let stopped = false;
    let wakeUp: (() => void) | null = null;
    const done = (async () => {
      while (!stopped) {
        let moved = 0;
        try {
          moved = await delivery.runOnce();
        } catch (error) {
          deps.log.error({ err: error }, 'destination delivery step failed');
        }
        if (stopped) break;
        if (moved > 0) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs ?? 250);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = null;
      }
    })();
    return {
      wake: () => wakeUp?.(),
      async stop() {
        stopped = true;
        wakeUp?.();
        await done;
      },
    };
  }

  return {
    ...service,
    async remove(actor: Actor, id: string): Promise<void> {
      await service.remove(actor, id);
      await delivery.forget(id);
    },
    health: (row: DestinationRow): Promise<DestinationHealth> => destinationHealth(deps.database.db, deps.clock, row),
    healthAll: () => allDestinationHealth(deps.database.db, deps.clock),
    /** Drops what the loop keeps for a destination deleted elsewhere (a configuration import): its compiled filter and kept connection. */
    forget: (id: string): Promise<void> => delivery.forget(id),
    runOnce: () => delivery.runOnce(),
    drain: () => delivery.drain(),
    start(): void {
      loop ??= startLoop();
    },
    /** Stops after the batch in flight and closes the connections. */
    async stop(): Promise<void> {
      const current = loop;
      loop = null;
      await current?.stop();
      await delivery.close();
    },
  };
}

export type Destinations = ReturnType<typeof createDestinations>;
export type { DestinationRow, DeadLetterRow, DestinationInput, DestinationPatch } from './destination-service.ts';
export type { DestinationHealth, DestinationState } from './destination-health.ts';
export { DESTINATION_RETRY_MS, retryDelayMs } from './backoff.ts';
export { createFormatter, checkFormat, type FormatInput, type FormatOptions, type Formatter, type Rendered } from './formats/index.ts';
