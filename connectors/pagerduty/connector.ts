import { defineConnector } from '@patchbay/sdk';
import { acknowledgeIncident } from './actions/acknowledge-incident.ts';
import { addIncidentNote } from './actions/add-incident-note.ts';
import { createIncident } from './actions/create-incident.ts';
import { getIncident } from './actions/get-incident.ts';
import { reopenIncident } from './actions/reopen-incident.ts';
import { resolveIncident } from './actions/resolve-incident.ts';
import { pagerDutyAuth } from './auth.ts';
import { REST_HEADERS } from './client/rest.ts';
import { routingKeyOf } from './client/routing-key.ts';
import { PAGERDUTY_HOSTS, pagerDutyConfig } from './config.ts';
import { incidents } from './streams/incidents.ts';
import { pagerDutyTicketing } from './ticket/ticketing.ts';
import { incidentWebhook } from './webhook/incident-webhook.ts';

/**
 * PagerDuty: incidents as tickets (opened through the Events API v2 with the finding's dedup key, followed
 * and changed through the REST API), the incidents stream, and v3 webhooks for status changes. README.md.
 */
export default defineConnector({
  id: 'pagerduty',
  name: 'PagerDuty',
  vendor: 'PagerDuty',
  category: 'itsm',
  version: '1.0.0',
  description:
    'Opens PagerDuty incidents for findings (one incident per dedup key, through the Events API v2), follows and changes their status, priority and notes through the REST API, and syncs incidents as OCSF Incident Findings.',
  features: [
    'Tickets on PagerDuty incidents: one incident per finding through the dedup key',
    'Priority from a configurable table where the account has priorities; event severity otherwise',
    'Acknowledge, resolve and reopen; comments as incident notes',
    'Incidents stream, incremental on each incident\'s last status change',
    'v3 webhooks (signed) push status changes at once',
    'US and EU service regions',
  ],
  icon: '🚨',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/pagerduty',
  auth: pagerDutyAuth,
  config: pagerDutyConfig,
  capabilities: ['ingest', 'actions', 'ticket', 'webhook', 'query', 'push', 'bidirectional'],
  streams: [incidents],
  actions: [createIncident, acknowledgeIncident, resolveIncident, reopenIncident, addIncidentNote, getIncident],
  webhook: incidentWebhook,
  ticket: pagerDutyTicketing,
  allowedHosts: [...PAGERDUTY_HOSTS, { fromConfig: 'base_url' }, { fromConfig: 'events_base_url' }],
  // REST API: 960 requests per minute per API key (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/04-Rate-Limits.md);
  // Events API: about 120 events per minute per routing key (docs/events-API-v2/05-Rate-Limits.md there). One
  // budget for both, well under the REST limit; events are a small share of the calls, and a 429 is retried.
  rateLimits: { perMinute: 300, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    if (ctx.config.service_id) {
      // The ticket path end to end, read-only: the service and its Events API v2 integration's key.
      await routingKeyOf(ctx);
      return { ok: true, details: { service_id: ctx.config.service_id, events_integration: 'found', region: new URL(ctx.config.base_url).host } };
    }
    const response = await ctx.http.get<{ abilities?: string[] }>('/abilities', { headers: REST_HEADERS, operation: 'list-abilities' });
    return { ok: true, details: { abilities: response.body.abilities ?? [], region: new URL(ctx.config.base_url).host } };
  },
});
