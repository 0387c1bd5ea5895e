import type { ConnectorContext } from '@patchbay/sdk';
import { PatchbayError, type Secret } from '@patchbay/types';
import type { EventSeverity, PagerDutyConfig } from '../config.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

/** The PD-CEF payload of a trigger event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export interface EventPayload {
  readonly summary: string;
  readonly source: string;
  readonly severity: EventSeverity;
  readonly timestamp?: string;
  readonly component?: string;
  readonly group?: string;
  readonly class?: string;
  readonly custom_details?: Readonly<Record<string, unknown>>;
}

/** An alert event: `trigger` carries a payload; `acknowledge` and `resolve` only the dedup key. */
export type AlertEvent =
  | { readonly event_action: 'trigger'; readonly dedup_key: string; readonly payload: EventPayload; readonly client?: string; readonly client_url?: string; readonly links?: readonly { readonly href: string; readonly text?: string }[] }
  | { readonly event_action: 'acknowledge' | 'resolve'; readonly dedup_key: string };

interface EventsAnswer {
  readonly status?: string;
  readonly message?: string;
  readonly dedup_key?: string;
  readonly errors?: readonly string[];
}

const enqueueUrl = (config: PagerDutyConfig) => `${config.events_base_url.replace(/\/+$/, '')}/enqueue`;

/**
 * POST {events_base_url}/enqueue (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/).
 * PagerDuty answers 202 once the event is queued: the alert and its incident come later (the Events API
 * is asynchronous). Resending an event is safe (the dedup key makes a trigger land on the open alert),
 * so 429 and 5xx are retried as the Events API documentation asks. A 400 is PagerDuty refusing the event.
 */
export async function sendEvent(ctx: Ctx, routingKey: Secret, event: AlertEvent): Promise<EventsAnswer> {
  const response = await ctx.http.request<EventsAnswer>({
    method: 'POST',
    url: enqueueUrl(ctx.config),
    body: { routing_key: routingKey.reveal(), ...event },
    acceptStatus: [400],
    operation: `${event.event_action}-event`,
  });
  if (response.status === 400) {
    // Should PagerDuty ever echo the key in an error, it is cut out before the errors go into the PatchbayError.
    const errors = response.body?.errors?.map((e) => String(e).split(routingKey.reveal()).join('[REDACTED]'));
    throw new PatchbayError('VENDOR_REQUEST_REJECTED', {
      message: `The PagerDuty Events API refused the ${event.event_action} event (400: ${response.body?.status ?? 'invalid event'})`,
      hint: 'Read details.vendor_errors. An unknown routing key means the service\'s Events API v2 integration was deleted or replaced: check service_id and integration_id.',
      details: { status: 400, event_action: event.event_action, dedup_key: event.dedup_key, ...(errors ? { vendor_errors: errors } : {}) },
    });
  }
  return response.body ?? {};
}
