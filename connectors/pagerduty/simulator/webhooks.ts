import { createHmac, randomUUID } from 'node:crypto';
import type { IncidentChange, SimulatedAccount } from './account.ts';

/** A signed delivery as it leaves PagerDuty: its headers (signature included) and raw body. */
export interface SignedWebhook {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Where PagerDuty sends v3 webhooks: a webhook subscription's URL (POSTed with fetch) or, for a hub that
 * listens on no port (Fastify's inject), `deliver`, which gets each signed delivery and returns the HTTP
 * status it was answered with; and the secret it signs with.
 */
export interface WebhookTarget {
  readonly url?: string;
  readonly deliver?: (webhook: SignedWebhook) => Promise<number>;
  readonly secret: string;
  /** Event types to send (default every incident event). */
  readonly events?: readonly string[];
}

export interface WebhookDelivery {
  /** X-Webhook-Id: one per webhook, repeated on redelivery. */
  readonly id: string;
  readonly eventType: string;
  readonly incidentId: string;
  readonly body: string;
  /** The receiver's answer (0 when it could not be reached). */
  status: number;
}

/** `v1=<hex HMAC-SHA256 of the raw body>` (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/04-Signatures.md). */
export function pagerDutySignature(secret: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The v3 webhook payload of an incident change (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md). */
export function webhookPayload(change: IncidentChange, eventId: string, occurredAt: string): unknown {
  const { incident_number: number, assignments, ...incident } = change.incident;
  const data = change.note
    ? { incident: { id: incident.id, type: 'incident_reference', summary: incident.title, self: incident.self, html_url: incident.html_url }, id: change.note.id, content: change.note.content, trimmed: false, type: 'incident_note' }
    : {
        id: incident.id,
        type: 'incident',
        self: incident.self,
        html_url: incident.html_url,
        number,
        status: incident.status,
        incident_key: incident.incident_key ?? null,
        created_at: incident.created_at,
        title: incident.title,
        service: incident.service,
        assignees: (assignments ?? []).map((a) => a.assignee),
        escalation_policy: incident.escalation_policy,
        teams: incident.teams,
        priority: incident.priority ?? null,
        urgency: incident.urgency,
        conference_bridge: null,
        resolve_reason: null,
      };
  return { event: { id: eventId, event_type: change.eventType, resource_type: 'incident', occurred_at: occurredAt, agent: change.agent, client: { name: 'PagerDuty' }, data } };
}

/**
 * PagerDuty's v3 webhook sender for one account: every incident change goes, signed, to each subscribed
 * URL, one event per POST with X-PagerDuty-Signature, X-Webhook-Id and X-Webhook-Subscription
 * (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/02-Behavior.md).
 */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #targets: { target: WebhookTarget; subscription: string }[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #account: SimulatedAccount;

  constructor(account: SimulatedAccount) {
    this.#account = account;
    account.onChange((change) => this.#dispatch(change));
  }

  subscribe(target: WebhookTarget): string {
    if ((target.url === undefined) === (target.deliver === undefined)) throw new Error('A webhook subscription needs a url or a deliver function (one of them)');
    const subscription = this.#account.ids.next('P', 6);
    this.#targets.push({ target, subscription });
    return subscription;
  }

  /** Resolves when every delivery sent so far has been answered. */
  async settled(): Promise<readonly WebhookDelivery[]> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
    return this.deliveries;
  }

  #dispatch(change: IncidentChange): void {
    for (const { target, subscription } of this.#targets) {
      if (target.events && !target.events.includes(change.eventType)) continue;
      const body = JSON.stringify(webhookPayload(change, randomUUID(), new Date(this.#account.clock.now().getTime()).toISOString()));
      const delivery: WebhookDelivery = { id: randomUUID(), eventType: change.eventType, incidentId: change.incident.id, body, status: 0 };
      this.deliveries.push(delivery);
      const sent = this.#post(target, subscription, delivery).finally(() => this.#inFlight.delete(sent));
      this.#inFlight.add(sent);
    }
  }

  async #post(target: WebhookTarget, subscription: string, delivery: WebhookDelivery): Promise<void> {
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'PagerDuty-Webhook/V3.0',
      'x-pagerduty-signature': pagerDutySignature(target.secret, delivery.body),
      'x-webhook-id': delivery.id,
      'x-webhook-subscription': subscription,
    };
    try {
      if (target.deliver) {
        delivery.status = await target.deliver({ headers, body: delivery.body });
        return;
      }
      const response = await fetch(target.url!, { method: 'POST', headers, body: delivery.body });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch {
      delivery.status = 0;
    }
  }
}
