import type { PlannedRequest } from '@patchbay/sdk';
import type { AlertEvent } from '../client/events.ts';
import { restRequest } from '../client/rest.ts';
import type { PagerDutyConfig } from '../config.ts';

/** Shown in dry runs instead of the routing key, which is only read (from the REST API) when the action runs. */
export const ROUTING_KEY_PLACEHOLDER = "(the routing key of the service's Events API v2 integration, read when the action runs)";

export const readIncidentPlan = (id: string): PlannedRequest => restRequest({ method: 'GET', url: `/incidents/${encodeURIComponent(id)}`, operation: 'get-incident' });

/** How the routing key is found (client/routing-key.ts). */
export function routingKeyPlan(config: PagerDutyConfig): PlannedRequest {
  const service = encodeURIComponent(config.service_id ?? '(service_id)');
  return config.integration_id
    ? restRequest({ method: 'GET', url: `/services/${service}/integrations/${encodeURIComponent(config.integration_id)}`, operation: 'get-integration' })
    : restRequest({ method: 'GET', url: `/services/${service}`, query: { 'include[]': ['integrations'] }, operation: 'get-service' });
}

export function eventPlan(config: PagerDutyConfig, event: AlertEvent): PlannedRequest {
  return { method: 'POST', url: `${config.events_base_url.replace(/\/+$/, '')}/enqueue`, body: { routing_key: ROUTING_KEY_PLACEHOLDER, ...event }, operation: `${event.event_action}-event` };
}
