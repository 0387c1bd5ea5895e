import type { AlertEvent } from '../client/events.ts';
import type { SimService, SimulatedAccount } from './account.ts';
import { eventAccepted, eventInvalid, type Answer } from './answers.ts';

/** An event accepted by the Events API, waiting to be applied. */
interface Queued {
  readonly due: number;
  readonly service: SimService | undefined;
  readonly event: AlertEvent;
}

const ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** The checks PagerDuty documents for an event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
function problems(body: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (typeof body.routing_key !== 'string' || body.routing_key.length !== 32) errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");
  if (!ACTIONS.includes(String(body.event_action))) errors.push("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
  const key = body.dedup_key;
  if (key !== undefined && (typeof key !== 'string' || key.length > 255)) errors.push("'dedup_key' must be a string of at most 255 characters");
  if (body.event_action !== 'trigger') {
    if (typeof key !== 'string' || key === '') errors.push("'dedup_key' is required unless the event_action is 'trigger'");
    return errors;
  }
  const payload = body.payload as Record<string, unknown> | undefined;
  if (typeof payload !== 'object' || payload === null) return [...errors, "'payload' is missing or blank"];
  if (typeof payload.summary !== 'string' || payload.summary === '' || payload.summary.length > 1024) errors.push("'payload.summary' is missing, blank or longer than 1024 characters");
  if (typeof payload.source !== 'string' || payload.source === '') errors.push("'payload.source' is missing or blank");
  if (!SEVERITIES.includes(String(payload.severity))) errors.push("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
  return errors;
}

/**
 * The Events API v2 (POST /v2/enqueue): validates the event, answers 202 at once and applies it
 * `delayMs` later on the clock, as PagerDuty processes events asynchronously. Applying follows the
 * documented de-duplication: a trigger lands on the open alert with its dedup key (nothing new) or opens
 * an alert and its incident; acknowledge and resolve act on the open alert's incident, or are dropped.
 * A well-formed routing key that no integration has is accepted and dropped (the event goes nowhere).
 */
export class EventsApi {
  readonly #account: SimulatedAccount;
  readonly #queue: Queued[] = [];
  /** Every accepted event, in order (its routing key included: this is a test double). */
  readonly received: (AlertEvent & { readonly routing_key: string })[] = [];
  delayMs: number;

  constructor(account: SimulatedAccount, delayMs: number) {
    this.#account = account;
    this.delayMs = delayMs;
  }

  receive(body: unknown): Answer {
    if (typeof body !== 'object' || body === null) return eventInvalid('JSON parse error');
    const errors = problems(body as Record<string, unknown>);
    if (errors.length > 0) return eventInvalid(...errors);
    const event = body as AlertEvent & { routing_key: string; dedup_key?: string };
    const dedupKey = event.dedup_key ?? this.#account.ids.key(`${this.received.length}:${event.routing_key}`);
    const accepted = { ...event, dedup_key: dedupKey } as AlertEvent & { routing_key: string };
    this.received.push(accepted);
    const service = this.#account.services.find((s) => s.integrations.some((i) => i.integration_key === event.routing_key));
    this.#queue.push({ due: this.#account.clock.now().getTime() + this.delayMs, service, event: accepted });
    return eventAccepted(dedupKey);
  }

  /** Applies the events whose time has come, in order; returns how many. */
  process(): number {
    const now = this.#account.clock.now().getTime();
    let applied = 0;
    while (this.#queue.length > 0 && this.#queue[0]!.due <= now) {
      const { service, event } = this.#queue.shift()!;
      applied += 1;
      if (!service || service.status !== 'active') continue;
      const open = this.#account.openAlert(service, event.dedup_key);
      const agent = this.#account.serviceRef(service);
      if (event.event_action === 'trigger') {
        if (!open) this.#account.open(service, event.payload.summary, event.dedup_key, event.payload.severity);
      } else if (open) {
        this.#account.move(open, event.event_action === 'acknowledge' ? 'acknowledged' : 'resolved', agent);
      }
    }
    return applied;
  }

  get pending(): number {
    return this.#queue.length;
  }
}
