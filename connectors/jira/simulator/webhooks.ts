import { createHmac, randomUUID } from 'node:crypto';

export type JiraWebhookEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';

/** An HTTP POST as the test wants it sent: by default `fetch`; an in-process server (Fastify's inject) can take it directly. */
export type WebhookTransport = (request: { readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body: string }) => Promise<number>;

/** An admin webhook registered at the simulated site (System → WebHooks, or POST /rest/webhooks/1.0/webhook). */
export interface WebhookRegistration {
  readonly url: string;
  /** The webhook's secret: deliveries are signed with it (`X-Hub-Signature`); without one they are not signed. */
  readonly secret?: string;
  /** The events it is sent for (default: issue created, updated and deleted). */
  readonly events?: readonly JiraWebhookEvent[];
  readonly transport?: WebhookTransport;
}

export interface WebhookDelivery {
  /** `X-Atlassian-Webhook-Identifier`: unique per delivery, kept across retries. */
  readonly id: string;
  readonly url: string;
  readonly event: JiraWebhookEvent;
  readonly key: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The receiver's status, or null when the POST failed (`error`). */
  status: number | null;
  error?: string;
}

/**
 * `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret: how Jira Cloud signs admin
 * webhooks registered with a secret, in `X-Hub-Signature` (WebSub's method=signature format;
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks).
 */
export function signJiraWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const ALL_EVENTS: readonly JiraWebhookEvent[] = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'];

const fetchTransport: WebhookTransport = async ({ url, headers, body }) => {
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
};

/** The site's admin webhooks: who is registered, what was delivered, and deliveries still in flight. */
export class WebhookSender {
  readonly #registrations: WebhookRegistration[] = [];
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #pending = new Set<Promise<unknown>>();

  register(registration: WebhookRegistration): void {
    this.#registrations.push(registration);
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.#deliveries;
  }

  /** Posts the payload to every webhook registered for the event, signed with its secret; resolves with the deliveries. */
  async deliver(event: JiraWebhookEvent, key: string, payload: unknown): Promise<WebhookDelivery[]> {
    const body = JSON.stringify(payload);
    const targets = this.#registrations.filter((r) => (r.events ?? ALL_EVENTS).includes(event));
    return Promise.all(
      targets.map(async (registration) => {
        const id = randomUUID();
        const headers: Record<string, string> = {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Atlassian Webhook HTTP Client',
          'x-atlassian-webhook-identifier': id,
          'x-atlassian-webhook-flow': 'Primary',
          ...(registration.secret !== undefined ? { 'x-hub-signature': signJiraWebhook(registration.secret, body) } : {}),
        };
        const delivery: WebhookDelivery = { id, url: registration.url, event, key, body, headers, status: null };
        this.#deliveries.push(delivery);
        try {
          delivery.status = await (registration.transport ?? fetchTransport)({ url: registration.url, headers, body });
        } catch (error) {
          delivery.error = error instanceof Error ? error.message : String(error);
        }
        return delivery;
      }),
    );
  }

  /** Delivers in the background, as Jira does after answering the API call that caused the event. */
  send(event: JiraWebhookEvent, key: string, payload: unknown): void {
    if (!this.#registrations.some((r) => (r.events ?? ALL_EVENTS).includes(event))) return;
    const pending = this.deliver(event, key, payload).finally(() => this.#pending.delete(pending));
    this.#pending.add(pending);
  }

  /** Waits for the background deliveries in flight. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
