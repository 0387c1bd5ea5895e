import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import type { SimulatedAccount, SimUser } from './account.ts';
import type { SimIncident } from './incident-states.ts';
import type { WebhookSender } from './webhooks.ts';

export interface ResponderOptions {
  /** The email of the PagerDuty user who acts (default: the on-call responder). */
  readonly by?: string;
}

/** What a person at PagerDuty does to an incident, in the web app. */
export interface ResponderHelpers {
  acknowledge(id: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
  resolve(id: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
  reopen(id: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
  unacknowledge(id: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
  setPriority(id: string, name: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
  addNote(id: string, content: string, options?: ResponderOptions): Promise<PagerDutyIncident>;
}

/**
 * A responder at the simulated PagerDuty: each change is made as that user, stamped with the clock, and
 * sent to the webhook subscriptions; each helper resolves once those deliveries are answered, with the
 * incident as it is then. Asking for a move the incident cannot make (acknowledging a resolved one, say)
 * throws, as the web app would not offer it.
 */
export class Responder implements ResponderHelpers {
  readonly #account: SimulatedAccount;
  readonly #webhooks: WebhookSender;

  constructor(account: SimulatedAccount, webhooks: WebhookSender) {
    this.#account = account;
    this.#webhooks = webhooks;
  }

  #user(options?: ResponderOptions): SimUser {
    const user = options?.by ? this.#account.userByEmail(options.by) : this.#account.users[0];
    if (!user) throw new Error(`The simulated account has no user ${options?.by}`);
    return user;
  }

  #incident(id: string): SimIncident {
    const incident = this.#account.incidents.get(id);
    if (!incident) throw new Error(`The simulated account has no incident ${id}`);
    return incident;
  }

  async #move(id: string, to: 'acknowledged' | 'resolved' | 'triggered', from: readonly string[], options?: ResponderOptions): Promise<PagerDutyIncident> {
    const incident = this.#incident(id);
    if (!from.includes(String(incident.status))) throw new Error(`Incident ${id} is ${incident.status}: a responder cannot move it to ${to}`);
    this.#account.move(incident, to, this.#account.userRef(this.#user(options)));
    await this.#webhooks.settled();
    return structuredClone(incident);
  }

  acknowledge(id: string, options?: ResponderOptions) {
    return this.#move(id, 'acknowledged', ['triggered'], options);
  }

  resolve(id: string, options?: ResponderOptions) {
    return this.#move(id, 'resolved', ['triggered', 'acknowledged'], options);
  }

  reopen(id: string, options?: ResponderOptions) {
    return this.#move(id, 'triggered', ['resolved'], options);
  }

  unacknowledge(id: string, options?: ResponderOptions) {
    return this.#move(id, 'triggered', ['acknowledged'], options);
  }

  async setPriority(id: string, name: string, options?: ResponderOptions): Promise<PagerDutyIncident> {
    const incident = this.#incident(id);
    const priority = this.#account.priorities.find((p) => p.name === name);
    if (!priority) throw new Error(`The simulated account has no priority ${name}`);
    incident.priority = { id: priority.id, type: 'priority_reference', summary: priority.name, self: `${this.#account.apiUrl}/priorities/${priority.id}` };
    incident.updated_at = this.#account.now();
    this.#account.emit({ eventType: 'incident.priority_updated', incident, agent: this.#account.userRef(this.#user(options)) });
    await this.#webhooks.settled();
    return structuredClone(incident);
  }

  async addNote(id: string, content: string, options?: ResponderOptions): Promise<PagerDutyIncident> {
    const incident = this.#incident(id);
    this.#account.addNote(incident, content, this.#user(options));
    await this.#webhooks.settled();
    return structuredClone(incident);
  }
}
