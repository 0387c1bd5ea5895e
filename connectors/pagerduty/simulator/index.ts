import { fileURLToPath } from 'node:url';
import { FaultQueue, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest } from '@patchbay/conformance';
import { startLocalServer } from '@patchbay/sdk/testing';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { SimulatedAccount } from './account.ts';
import { EventsApi } from './events-api.ts';
import { Responder, type ResponderHelpers, type ResponderOptions } from './responder.ts';
import { mutateIncidents, seedIncidents } from './seeding.ts';
import { createHandler } from './serve.ts';
import { WebhookSender, type WebhookDelivery, type WebhookTarget } from './webhooks.ts';

export { pagerDutySignature, webhookPayload, type SignedWebhook, type WebhookDelivery, type WebhookTarget } from './webhooks.ts';
export type { ResponderHelpers, ResponderOptions } from './responder.ts';

export const SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/pagerduty/REST.openapiv3.json', import.meta.url));
export const EVENTS_SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/pagerduty/events-v2.openapiv3.json', import.meta.url));
/** The REST API key the simulated account accepts by default (any `Token token=<key>` is accepted unless revoked). */
export const SIMULATED_API_KEY = 'simulated-pagerduty-api-key';

export interface PagerDutySimulatorOptions extends SimulatorOptions {
  /** Simulated milliseconds between an event's 202 and PagerDuty applying it (default 0: at the next request). */
  readonly eventDelayMs?: number;
}

/**
 * One simulated PagerDuty account serving both APIs on one port: the REST API at the root (`base_url`) and
 * the Events API v2 at `/v2` (`events_base_url`). Helpers for end-to-end tests:
 *
 * - `serviceId`, `integrationId`, `routingKey`: the service tickets open on, its Events API v2 integration
 *   and that integration's key (the connector reads it through the REST API).
 * - `incident(id)`, `incidentsByDedupKey(key)`: copies of the incidents as PagerDuty holds them (REST shape),
 *   queued events applied first.
 * - Acting as a responder in the web app (each resolves once PagerDuty's webhooks for it are answered):
 *   `acknowledge(id, options?)`, `resolve(id, options?)`, `reopen(id, options?)`, `unacknowledge(id, options?)`
 *   (an acknowledgement timing out), `setPriority(id, name, options?)`, `addNote(id, content, options?)`;
 *   `options.by` is a user email (default the on-call responder).
 * - `subscribeWebhooks({ url | deliver, secret, events? })`: a v3 webhook subscription; every later incident
 *   change (responder helpers, events applied, REST updates) is POSTed to `url` (or handed to
 *   `deliver({ headers, body })`, which returns the status it got: for a hub driven with inject), signed
 *   with `secret` as `X-PagerDuty-Signature: v1=<hex HMAC-SHA256>`. `webhookDeliveries` lists them with the
 *   status each got; `webhooksSettled()` waits for the ones in flight.
 * - `events`: the Events API (`received` events, `delayMs`, `process()` to apply due events, `pending`).
 * - `grantReadOnly(apiKey)`: a read-only REST key (writes answer 403); `setPriorities(names)`: the
 *   account's priorities ([] for an account without priorities); `setServiceStatus(status)`.
 */
export interface PagerDutySimulator extends SimulatorHandle, ResponderHelpers {
  readonly account: SimulatedAccount;
  readonly events: EventsApi;
  readonly serviceId: string;
  readonly integrationId: string;
  readonly routingKey: string;
  incident(id: string): PagerDutyIncident | undefined;
  incidentsByDedupKey(dedupKey: string): PagerDutyIncident[];
  subscribeWebhooks(target: WebhookTarget): string;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  webhooksSettled(): Promise<readonly WebhookDelivery[]>;
  grantReadOnly(apiKey: string): void;
  setPriorities(names: readonly string[]): void;
  setServiceStatus(status: 'active' | 'disabled' | 'maintenance'): void;
}

/** Starts the simulated account on 127.0.0.1 (README "The simulated PagerDuty"). */
export async function startPagerDutySimulator(options: PagerDutySimulatorOptions): Promise<PagerDutySimulator> {
  const account = new SimulatedAccount(options.clock);
  const events = new EventsApi(account, options.eventDelayMs ?? 0);
  const webhooks = new WebhookSender(account);
  const faults = new FaultQueue({ continuationOnly: [] });
  const requests: SimulatorRequest[] = [];
  const readOnly = new Set<string>();
  const server = await startLocalServer(createHandler({ account, events, faults, requests, readOnly, clock: options.clock }));
  const service = account.services[0]!;
  const integration = service.integrations[0]!;
  const responder = new Responder(account, webhooks);
  const own = (stream: string) => {
    if (stream !== 'incidents') throw new Error(`The PagerDuty simulator has no stream ${stream}`);
  };
  return {
    baseUrl: server.url,
    configuration: { base_url: server.url, events_base_url: `${server.url}/v2`, service_id: service.id, from_email: account.users[1]!.email, page_size: Math.min(options.pageSize, 100) },
    capabilities: { faults: ['rate-limit', 'unauthorized-once', 'server-errors', 'malformed-json'], newestFirst: false, equalTimestampsAtBoundary: true },
    streams: ['incidents'],
    contract: { spec: SPEC, source: "PagerDuty's REST API v2 OpenAPI description (PagerDuty/api-schema, reference/REST/openapiv3.json)" },
    vaultCredentials: { authType: 'api_key', credentials: { api_key: SIMULATED_API_KEY, header_name: 'Authorization', prefix: 'Token token=' } },
    seed(stream, seed) {
      own(stream);
      seedIncidents(account, seed.count, seed.equalTimestampsAtBoundary ? options.pageSize : undefined);
    },
    records(stream) {
      own(stream);
      events.process();
      return account.sorted().map((incident) => structuredClone(incident));
    },
    mutate(stream, change) {
      own(stream);
      mutateIncidents(account, change);
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    close: async () => {
      await webhooks.settled();
      await server.close();
    },
    account,
    events,
    serviceId: service.id,
    integrationId: integration.id,
    routingKey: integration.integration_key,
    incident: (id) => {
      events.process();
      const found = account.incidents.get(id);
      return found ? structuredClone(found) : undefined;
    },
    incidentsByDedupKey: (key) => {
      events.process();
      return account.sorted().filter((i) => i.incident_key === key).map((i) => structuredClone(i));
    },
    acknowledge: (id, o?: ResponderOptions) => responder.acknowledge(id, o),
    resolve: (id, o?: ResponderOptions) => responder.resolve(id, o),
    reopen: (id, o?: ResponderOptions) => responder.reopen(id, o),
    unacknowledge: (id, o?: ResponderOptions) => responder.unacknowledge(id, o),
    setPriority: (id, name, o?: ResponderOptions) => responder.setPriority(id, name, o),
    addNote: (id, content, o?: ResponderOptions) => responder.addNote(id, content, o),
    subscribeWebhooks: (target) => webhooks.subscribe(target),
    webhookDeliveries: webhooks.deliveries,
    webhooksSettled: () => webhooks.settled(),
    grantReadOnly: (key) => {
      readOnly.add(key);
    },
    setPriorities: (names) => {
      account.priorities = names.map((name) => ({ id: account.ids.next('P', 6), name, description: `${name} incident` }));
    },
    setServiceStatus: (status) => {
      service.status = status;
    },
  };
}

/** The conformance suite's entry point (and the CLI end-to-end test's): one account with the incidents stream. */
const simulator: SimulatorFactory = (options) => startPagerDutySimulator(options);
export default simulator;
