import type { TicketDraft, TicketFieldDeclaration } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { AlertEvent } from '../client/events.ts';
import type { PagerDutyConfig } from '../config.ts';

/**
 * The fields an instance's field mapping may fill. The PD-CEF ones go into the trigger event's payload
 * (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/) and are the alert's for good: PagerDuty
 * cannot change them once the alert exists. `urgency` is the incident's, set and changed through the REST
 * API. Any other field name becomes an entry of the payload's custom_details.
 */
export const TICKET_FIELDS: Readonly<Record<string, TicketFieldDeclaration>> = {
  source: { title: 'Source', description: 'The affected system, preferably a hostname or FQDN (PD-CEF source; default: the default_source setting)', type: 'string' },
  component: { title: 'Component', description: 'The part of the source that is broken (PD-CEF component), like mysql or eth0', type: 'string' },
  group: { title: 'Group', description: 'A logical grouping of components (PD-CEF group), like app-stack', type: 'string' },
  class: { title: 'Class', description: 'The class or type of the problem (PD-CEF class), like vulnerability', type: 'string' },
  custom_details: { title: 'Custom details', description: 'Free-form details shown on the alert (PD-CEF custom_details)', type: 'object' },
  urgency: { title: 'Urgency', description: 'high or low: set on the incident after it opens (the service otherwise decides it), and changeable later', type: 'string' },
};

/** The fields PagerDuty can change on an open incident (through PUT /incidents/{id}). */
export const UPDATABLE_FIELDS = ['urgency'] as const;

const PAYLOAD_STRINGS = ['source', 'component', 'group', 'class'] as const;
/** PD-CEF limits: summary 1024 characters; dedup_key 255. */
const SUMMARY_MAX = 1024;
const DEDUP_KEY_MAX = 255;

const invalid = (field: string, message: string) => new PatchbayError('VALIDATION_FAILED', { field, message, hint: 'Correct the field mapping of the ticket rule.' });

/** Checks the declared fields' types; returns the urgency the incident should get, if any. */
export function checkedUrgency(fields: Readonly<Record<string, unknown>>): 'high' | 'low' | undefined {
  for (const name of PAYLOAD_STRINGS) {
    const value = fields[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw invalid(`fields.${name}`, `${name} must be a non-empty string`);
  }
  const details = fields.custom_details;
  if (details !== undefined && (typeof details !== 'object' || details === null || Array.isArray(details))) throw invalid('fields.custom_details', 'custom_details must be an object');
  const urgency = fields.urgency;
  if (urgency !== undefined && urgency !== 'high' && urgency !== 'low') throw invalid('fields.urgency', 'urgency must be "high" or "low"');
  return urgency;
}

export function checkDedupKey(dedupKey: string): void {
  if (dedupKey === '' || dedupKey.length > DEDUP_KEY_MAX) throw invalid('dedupKey', `the dedup key must be 1 to ${DEDUP_KEY_MAX} characters (PagerDuty's dedup_key limit)`);
}

/** The trigger event for a draft: title as summary, the mapped PD-CEF fields, the rest as custom details. */
export function triggerEventOf(config: PagerDutyConfig, draft: TicketDraft): AlertEvent {
  checkDedupKey(draft.dedupKey);
  checkedUrgency(draft.fields);
  const { source, component, group, class: klass, custom_details: details, urgency: _urgency, ...others } = draft.fields as Record<string, unknown>;
  const customDetails = {
    ...(details as Record<string, unknown> | undefined),
    ...others,
    ...(draft.description ? { description: draft.description } : {}),
    ...(draft.labels.length > 0 ? { labels: [...draft.labels] } : {}),
    patchbay_priority: draft.priority,
  };
  return {
    event_action: 'trigger',
    dedup_key: draft.dedupKey,
    client: 'Patchbay',
    payload: {
      summary: draft.title.length > SUMMARY_MAX ? `${draft.title.slice(0, SUMMARY_MAX - 1)}…` : draft.title,
      source: typeof source === 'string' ? source : config.default_source,
      severity: config.severities[String(draft.priority) as keyof PagerDutyConfig['severities']],
      ...(typeof component === 'string' ? { component } : {}),
      ...(typeof group === 'string' ? { group } : {}),
      ...(typeof klass === 'string' ? { class: klass } : {}),
      custom_details: customDetails,
    },
  };
}
