import { randomUUID } from 'node:crypto';
import type { WebhookVerification } from '@patchbay/sdk';
import type { Clock } from '@patchbay/types';
import { signDelivery } from './sign.ts';

export { signDelivery, type SignOptions } from './sign.ts';
export { default } from './no-pull-api.ts';

export interface SenderOptions {
  /** Where deliveries go: the instance's inbound URL (`POST /api/integration/webhook/{key}`). */
  readonly url: string;
  readonly verification: WebhookVerification;
  /** The signing secret (or shared token) both sides hold. */
  readonly secret: string;
  readonly clock: Clock;
  /** Headers every delivery carries besides the signature (GitHub's `X-GitHub-Event`, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Delivery {
  readonly id: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The receiver's answer to each attempt, in order. */
  readonly statuses: number[];
}

/**
 * A webhook sender, as vendors behave: every delivery gets an id, is signed when it is sent (so a
 * redelivery carries a fresh timestamp and signature, as GitHub's and Standard Webhooks senders do),
 * and its attempts are kept for redelivery and assertions.
 */
export function createSender(options: SenderOptions) {
  const deliveries = new Map<string, Delivery>();

  async function attempt(delivery: Delivery): Promise<number> {
    const timestamp = Math.floor(options.clock.now().getTime() / 1000);
    const signature = signDelivery(options.verification, options.secret, delivery.body, { id: delivery.id, timestamp });
    // GitHub names each delivery in X-GitHub-Delivery; Standard Webhooks signs its id (webhook-id).
    const deliveryHeader: Record<string, string> = options.verification.kind === 'github' ? { 'x-github-delivery': delivery.id } : {};
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...delivery.headers, ...deliveryHeader, ...signature },
      body: delivery.body,
    });
    await response.arrayBuffer();
    delivery.statuses.push(response.status);
    return response.status;
  }

  return {
    deliveries: (): readonly Delivery[] => [...deliveries.values()],
    /** Sends a JSON payload as a new delivery; resolves with the receiver's status. */
    async send(payload: unknown, extra: { readonly id?: string; readonly headers?: Readonly<Record<string, string>> } = {}): Promise<Delivery> {
      const delivery: Delivery = {
        id: extra.id ?? `msg_${randomUUID()}`,
        body: JSON.stringify(payload),
        headers: { ...options.headers, ...extra.headers },
        statuses: [],
      };
      deliveries.set(delivery.id, delivery);
      await attempt(delivery);
      return delivery;
    },
    /** Sends a recorded delivery again, with the same id and body. */
    async redeliver(id: string): Promise<Delivery> {
      const delivery = deliveries.get(id);
      if (delivery === undefined) throw new Error(`No delivery ${id}`);
      await attempt(delivery);
      return delivery;
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
