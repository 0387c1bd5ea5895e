import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const eventSeverity = z.enum(['critical', 'error', 'warning', 'info']);
/** PagerDuty object ids: a P and six or more letters and digits (PABC123). */
const pagerDutyId = z.string().regex(/^[A-Z0-9]{7,20}$/, 'a PagerDuty id such as PABC123');

/** PagerDuty's documented hosts: US (default) and EU service regions, for the REST and the Events API. */
export const PAGERDUTY_HOSTS = ['api.pagerduty.com', 'events.pagerduty.com', 'api.eu.pagerduty.com', 'events.eu.pagerduty.com'] as const;

/** Patchbay priority (1 most urgent .. 5) → the name of a priority of the PagerDuty account. */
const priorityNames = z
  .object({ '1': z.string().min(1), '2': z.string().min(1), '3': z.string().min(1), '4': z.string().min(1), '5': z.string().min(1) })
  .default({ '1': 'P1', '2': 'P2', '3': 'P3', '4': 'P4', '5': 'P5' })
  .describe("The PagerDuty priority (by name, as the account lists them) each Patchbay priority 1 (most urgent) to 5 gets; PagerDuty's default names are P1 to P5");

/** Patchbay priority → the PD-CEF severity of the trigger event (it drives the urgency of services on dynamic urgency). */
const severities = z
  .object({ '1': eventSeverity, '2': eventSeverity, '3': eventSeverity, '4': eventSeverity, '5': eventSeverity })
  .default({ '1': 'critical', '2': 'error', '3': 'warning', '4': 'info', '5': 'info' })
  .describe('The Events API severity (critical, error, warning, info) of the trigger event for each Patchbay priority 1 to 5');

/** Instance settings: the two API hosts (US or EU), the service tickets open on, the From user, the priority tables and stream settings. */
export const pagerDutyConfig = z.object({
  base_url: url.default('https://api.pagerduty.com').describe('REST API base URL: https://api.pagerduty.com, or https://api.eu.pagerduty.com for an EU account'),
  events_base_url: url
    .default('https://events.pagerduty.com/v2')
    .describe('Events API v2 base URL: https://events.pagerduty.com/v2, or https://events.eu.pagerduty.com/v2 for an EU account'),
  service_id: pagerDutyId.optional().describe('The service tickets open incidents on (its Events API v2 integration routes the trigger events); needed for tickets, not for the incidents stream'),
  integration_id: pagerDutyId
    .optional()
    .describe("The service's Events API v2 integration to send events through (default: the service's only Events API v2 integration)"),
  from_email: z.email().optional().describe('Email of the PagerDuty user notes, priority and reopen changes are made as (the REST API requires a From header for them)'),
  priority_names: priorityNames,
  use_priorities: z.boolean().default(true).describe('Set the incident priority from priority_names when the account has priorities enabled'),
  severities,
  default_source: z.string().min(1).max(255).default('Patchbay').describe('PD-CEF source of trigger events when the field mapping sets none (PagerDuty wants the affected host or system)'),
  incident_wait_seconds: z.number().int().min(1).max(300).default(30).describe('How long opening a ticket waits for PagerDuty to turn the trigger event into an incident (the Events API is asynchronous)'),
  page_size: z.number().int().min(1).max(100).default(100).describe('Incidents asked for per page (PagerDuty allows at most 100)'),
  start_days: z.number().int().min(1).max(180).default(30).describe('How far back the first sync of the incidents stream reads (open incidents are read whatever their age)'),
  window_days: z.number().int().min(1).max(180).default(7).describe('Creation-time window of one incidents listing (PagerDuty pages at most 10000 incidents per listing; lower it for busy accounts)'),
  service_ids: z.array(pagerDutyId).max(100).optional().describe('Sync the incidents of these services only (default: every service the API key sees)'),
});

export type PagerDutyConfig = z.output<typeof pagerDutyConfig>;
export type EventSeverity = z.output<typeof eventSeverity>;
