import type { ConnectorContext, TicketDraft, TicketState } from '@patchbay/sdk';
import { sendEvent } from '../client/events.ts';
import { findIncidentByKey, updateIncident } from '../client/incidents.ts';
import type { Priority } from '../client/priorities.ts';
import { fromHeader } from '../client/rest.ts';
import { routingKeyOf } from '../client/routing-key.ts';
import type { PagerDutyConfig } from '../config.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { checkDedupKey, checkedUrgency, triggerEventOf } from './fields.ts';
import { pollUntil } from './poll.ts';
import { priorityFor } from './priority.ts';
import { ticketStateOf } from './state.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

const NO_INCIDENT_HINT =
  'PagerDuty accepted the event but opened no incident: check that the service is not disabled or in maintenance, that no event rule or orchestration suppresses it, and raise incident_wait_seconds if PagerDuty is slow (https://support.pagerduty.com/docs/why-incidents-fail-to-trigger). Retrying is safe: the dedup key finds the incident once it exists.';

/** Sets what the trigger event cannot carry: the priority and the urgency (one PUT, as the From user). */
async function settle(ctx: Ctx, incident: PagerDutyIncident, priority: Priority | null, urgency: 'high' | 'low' | undefined): Promise<PagerDutyIncident> {
  const changes = {
    ...(priority && incident.priority?.id !== priority.id ? { priority: { id: priority.id, type: 'priority_reference' } } : {}),
    ...(urgency && incident.urgency !== urgency ? { urgency } : {}),
  };
  return Object.keys(changes).length === 0 ? incident : updateIncident(ctx, incident.id, changes);
}

/**
 * Opens the incident for a draft, or finds the one its dedup key already opened:
 * 1. GET /incidents?incident_key=<dedup key>: found (a retry after a crash, say) → that incident, with the
 *    priority completed if an earlier attempt stopped before setting it;
 * 2. otherwise the priority is looked up (a wrong priority_names entry fails here, before anything opens),
 *    the trigger event is sent through the service's Events API v2 integration with the dedup key, and the
 *    REST API is read on the clock until the incident appears (bounded by incident_wait_seconds);
 * 3. the priority and urgency the event could not carry are set with one PUT.
 */
export async function createTicket(ctx: Ctx, draft: TicketDraft): Promise<TicketState> {
  checkDedupKey(draft.dedupKey);
  const urgency = checkedUrgency(draft.fields);
  const existing = await findIncidentByKey(ctx, draft.dedupKey);
  if (existing) {
    // Completing an interrupted attempt: a priority nobody set yet (a person's choice is never overridden).
    const priority = existing.priority || existing.status === 'resolved' ? null : await priorityFor(ctx, draft.priority);
    return ticketStateOf(await settle(ctx, existing, priority, undefined));
  }
  const priority = await priorityFor(ctx, draft.priority);
  if (priority || urgency) fromHeader(ctx.config, 'Setting the incident priority and urgency');
  const event = triggerEventOf(ctx.config, draft);
  await sendEvent(ctx, await routingKeyOf(ctx), event);
  const opened = await pollUntil(ctx, () => findIncidentByKey(ctx, draft.dedupKey), (incident) => incident !== undefined && incident.status !== 'resolved', 'open an incident for the trigger event', NO_INCIDENT_HINT);
  return ticketStateOf(await settle(ctx, opened!, priority, urgency));
}
