import { defineConnector } from '@patchbay/sdk';
import { addComment } from './actions/add-comment.ts';
import { createTicket } from './actions/create-ticket.ts';
import { getTicket } from './actions/get-ticket.ts';
import { reopenTicket } from './actions/reopen-ticket.ts';
import { resolveTicket } from './actions/resolve-ticket.ts';
import { servicenowAuth } from './auth.ts';
import { servicenowConfig } from './config.ts';
import { businessServices } from './streams/business-services.ts';
import { configurationItems } from './streams/configuration-items.ts';
import { incidents } from './streams/incidents.ts';
import { servicenowTicketing } from './tickets/ticketing.ts';

/**
 * ServiceNow over the Table API: the CMDB (configuration items with their business criticality, business
 * services) as inventories with deletion detection, incidents incrementally, and incidents as tickets for
 * the ticket engine (and as `ticket` actions). README.md lists roles, limits and quirks.
 */
export default defineConnector({
  id: 'servicenow',
  name: 'ServiceNow',
  vendor: 'ServiceNow',
  category: 'itsm',
  version: '1.0.0',
  description: 'Syncs ServiceNow CMDB configuration items, business services and incidents to OCSF, and opens, updates, comments on, resolves and reopens incidents as Patchbay tickets.',
  features: [
    'Configuration items (cmdb_ci or a CI class) as device inventory, with business criticality; deleted CIs detected',
    'Business services with their criticality, owner and support group',
    'Incidents incremental on sys_updated_on, as OCSF Incident Findings',
    'Tickets: incidents opened once per dedup key (correlation_id), priority through impact and urgency',
    'Status sync by polling, resolve with resolution code and notes, reopen, work notes or comments',
    'Basic authentication or OAuth 2.0 client credentials',
  ],
  icon: 'https://www.servicenow.com/favicon.ico',
  docsUrl: 'https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html',
  auth: servicenowAuth,
  config: servicenowConfig,
  capabilities: ['ingest', 'actions', 'ticket'],
  streams: [configurationItems, businessServices, incidents],
  actions: [createTicket, addComment, resolveTicket, reopenTicket, getTicket],
  ticket: servicenowTicketing,
  allowedHosts: [{ fromConfig: 'base_url' }, { fromConfig: 'token_url' }],
  // ServiceNow publishes no fixed limit: instances enforce their own rate limit rules per user and hour
  // (X-RateLimit-* headers, 429 with Retry-After). A moderate default budget; README "Rate limits".
  rateLimits: { perMinute: 300, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const response = await ctx.http.get('/api/now/table/incident', { query: { sysparm_fields: 'sys_id', sysparm_limit: 1 }, operation: 'test-connection' });
    const total = Number(response.headers.get('x-total-count'));
    return { ok: true, details: { instance: new URL(ctx.config.base_url).host, incidents_visible: Number.isInteger(total) ? total : null } };
  },
});
