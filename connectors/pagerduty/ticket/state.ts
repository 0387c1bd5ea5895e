import type { TicketState } from '@patchbay/sdk';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';

/**
 * A PagerDuty incident as the ticket engine sees it: the REST incident id is the key (the `incidents`
 * stream's record id), its web link, its status, and the fields Patchbay may own (urgency, priority
 * name, title).
 */
export function ticketStateOf(incident: PagerDutyIncident): TicketState {
  const updated = incident.updated_at ?? incident.last_status_change_at ?? incident.created_at;
  const at = Date.parse(updated);
  return {
    key: incident.id,
    url: incident.html_url ?? incident.self ?? '',
    status: String(incident.status),
    fields: { title: incident.title ?? null, urgency: incident.urgency ?? null, priority: incident.priority?.summary ?? null },
    ...(Number.isNaN(at) ? {} : { updatedAt: new Date(at) }),
  };
}
