import type { AnyConnector, DestinationBatch, DestinationConnection, Transport } from '@patchbay/sdk';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { AuthResolver } from '../sync/sync-service.ts';
import { buildDestinationContext } from './destination-context.ts';

interface Sender {
  readonly key: string;
  send(batch: DestinationBatch): Promise<void>;
  close(): Promise<void>;
}

/**
 * One sender per destination, kept between batches: its connector context and, for connection-oriented
 * destinations (syslog), its open connection. A changed destination or instance gets a fresh one; a
 * failed send drops it, so the next attempt reconnects.
 */
export function createSenderCache(deps: EngineDeps, authFor?: AuthResolver, transport?: Transport) {
  const senders = new Map<string, Sender>();

  async function open(key: string, connector: AnyConnector, instance: InstanceRow): Promise<Sender> {
    const declared = connector.destination!;
    const controller = new AbortController();
    const auth = await authFor?.(instance, 'destination');
    const ctx = buildDestinationContext(deps, connector, instance, controller.signal, auth, transport);
    let connection: DestinationConnection | null = null;
    return {
      key,
      async send(batch) {
        if (declared.send) return declared.send(ctx, batch);
        connection ??= await declared.connect!(ctx);
        return connection.send(batch);
      },
      async close() {
        controller.abort();
        await connection?.close().catch(() => undefined);
        await ctx.close().catch(() => undefined);
      },
    };
  }

  return {
    async get(destinationId: string, key: string, connector: AnyConnector, instance: InstanceRow): Promise<Sender> {
      const cached = senders.get(destinationId);
      if (cached?.key === key) return cached;
      if (cached) await this.drop(destinationId);
      const sender = await open(key, connector, instance);
      senders.set(destinationId, sender);
      return sender;
    },
    async drop(destinationId: string): Promise<void> {
      const sender = senders.get(destinationId);
      senders.delete(destinationId);
      await sender?.close();
    },
    async closeAll(): Promise<void> {
      await Promise.all([...senders.keys()].map((id) => this.drop(id)));
    },
  };
}
