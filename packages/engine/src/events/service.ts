import type { EngineDeps } from '../lib/engine-deps.ts';
import { systemActor } from '../lib/actor.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createSubscriptionService } from '../subscriptions/subscriptions.ts';
import { createDeliveryWorker, type DeliveryOptions } from '../webhooks/delivery.ts';
import { createEndpointService } from '../webhooks/endpoints.ts';
import { createInboundService, type InboundOptions } from '../webhooks/inbound/inbound.ts';
import { createMessageService } from '../webhooks/messages.ts';
import type { SecretBox } from '../webhooks/secret-box.ts';
import type { RunOptions } from '../sync/sync-service.ts';
import type { Actor } from '../lib/actor.ts';
import { eventCatalog } from './catalog.ts';
import { createDispatcher, type ActionTrigger, type DispatcherOptions } from './dispatcher.ts';

export interface EventsOptions {
  readonly dispatcher?: Omit<DispatcherOptions, 'startSync' | 'invokeAction'>;
  readonly delivery?: DeliveryOptions;
  readonly inbound?: InboundOptions;
  /** Idle poll interval of the background loops (they also wake on new work in this process). */
  readonly pollMs?: number;
}

interface Loop {
  wake(): void;
  stop(): Promise<void>;
}

/** Runs `step` repeatedly: again at once while it finds work, else after `pollMs` or a wake-up. */
function startLoop(name: string, step: () => Promise<number>, pollMs: number, log: EngineDeps['log']): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  const done = (async () => {
    while (!stopped) {
      let worked = 0;
      try {
        worked = await step();
      } catch (error) {
        log.error({ err: error, loop: name }, 'event loop step failed');
      }
      if (stopped) break;
      if (worked > 0) continue;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
      if (timer) clearTimeout(timer);
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

/** Events, subscriptions, outgoing and inbound webhooks; `start` runs the background loops. */
export function createEventsService(
  deps: EngineDeps,
  box: SecretBox,
  registry: ConnectorRegistry,
  startSync: (actor: Actor, instanceId: string, run: RunOptions) => Promise<unknown>,
  options: EventsOptions = {},
  invokeAction?: (trigger: ActionTrigger) => Promise<void>,
) {
  const loops: Loop[] = [];
  const wakeDispatcher = () => loops[0]?.wake();
  const subscriptions = createSubscriptionService(deps, undefined, registry);
  const endpoints = createEndpointService(deps, box);
  const messages = createMessageService(deps);
  const inbound = createInboundService(deps, box, registry, options.inbound);
  const dispatcher = createDispatcher(deps, {
    ...options.dispatcher,
    startSync: async (t) => {
      await startSync(systemActor(t.organizationId, `subscription:${t.subscriptionId}`), t.instanceId, { stream: t.stream, trigger: 'event', subscriptionId: t.subscriptionId });
    },
    invokeAction,
  });
  const deliveries = createDeliveryWorker(deps, endpoints, options.delivery);
  const pollMs = options.pollMs ?? 250;

  return {
    catalog: eventCatalog,
    subscriptions,
    endpoints,
    messages,
    inbound,
    dispatcher,
    deliveries,
    /** One pass of everything (tests drive the hub this way with a ManualClock). */
    async runOnce(): Promise<{ processed: number; dispatched: number; attempted: number }> {
      const processed = await inbound.processOnce();
      const dispatched = await dispatcher.drain();
      const attempted = await deliveries.drain();
      return { processed, dispatched, attempted };
    },
    start(): void {
      if (loops.length) return;
      loops.push(startLoop('dispatcher', async () => {
        const n = await dispatcher.runOnce();
        if (n > 0) loops[1]?.wake();
        return n;
      }, pollMs, deps.log));
      loops.push(startLoop('deliveries', () => deliveries.runOnce(), pollMs, deps.log));
      loops.push(startLoop('inbound', async () => {
        const n = await inbound.processOnce();
        if (n > 0) wakeDispatcher();
        return n;
      }, pollMs, deps.log));
      inbound.onStored(() => loops[2]?.wake());
    },
    /** Stops the loops after their current step (deliveries in flight finish or their lease expires). */
    async stop(): Promise<void> {
      await Promise.all(loops.splice(0).map((l) => l.stop()));
      await inbound.flushed();
      await deliveries.close();
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
