import type { ConnectorContext, TicketChange, TicketState, TicketStatus } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { sendEvent } from '../client/events.ts';
import { addNote, getIncident, updateIncident } from '../client/incidents.ts';
import { routingKeyOf } from '../client/routing-key.ts';
import type { PagerDutyConfig } from '../config.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { checkDedupKey, checkedUrgency, UPDATABLE_FIELDS } from './fields.ts';
import { pollUntil } from './poll.ts';
import { ticketStateOf } from './state.ts';
import { STATUS_MOVES } from './statuses.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

/** Urgency through PUT; the PD-CEF fields belong to the alert, which PagerDuty never changes after the trigger. */
async function applyFields(ctx: Ctx, incident: PagerDutyIncident, fields: Readonly<Record<string, unknown>>): Promise<PagerDutyIncident> {
  const urgency = checkedUrgency(fields);
  const fixed = Object.keys(fields).filter((name) => !(UPDATABLE_FIELDS as readonly string[]).includes(name));
  if (fixed.length > 0) ctx.log.warn({ incident: incident.id, fields: fixed }, 'PagerDuty cannot change these fields of an open incident (they belong to its triggering alert); left as they are');
  return urgency && incident.urgency !== urgency ? updateIncident(ctx, incident.id, { urgency }) : incident;
}

/**
 * Whether the Events API can move the incident: it acts on the open alert with the dedup key, so the
 * incident needs one (PagerDuty counts them in alert_counts.triggered). An incident reopened through the
 * REST API, or opened without an event, has none: the REST API moves it instead.
 */
function eventsCanMove(incident: PagerDutyIncident, dedupKey: string): boolean {
  return dedupKey !== '' && (incident.alert_counts?.triggered ?? 1) > 0;
}

/**
 * Moves the incident to the PagerDuty status the table gives for `target`:
 * - acknowledged, resolved: an acknowledge or resolve event with the ticket's dedup key (Events API v2),
 *   then the REST API is read until the incident shows it (the Events API is asynchronous); when no open
 *   alert carries the key (eventsCanMove), PUT /incidents/{id} with the status, as the From user;
 * - triggered from resolved: a reopen through PUT /incidents/{id} (the Events API cannot reopen: a new
 *   trigger on a resolved key opens another incident), which keeps the ticket's key;
 * - triggered from acknowledged: PagerDuty has no way back (only the acknowledgement timeout); the
 *   incident stays acknowledged, which is not done either, and the move is logged;
 * - acknowledged from resolved: INVALID_STATE_TRANSITION (reopen it first).
 */
async function moveTo(ctx: Ctx, incident: PagerDutyIncident, target: TicketStatus, dedupKey: string): Promise<PagerDutyIncident> {
  const wanted = STATUS_MOVES[target];
  if (incident.status === wanted) return incident;
  if (wanted === 'triggered') {
    if (incident.status === 'resolved') return updateIncident(ctx, incident.id, { status: 'triggered' });
    ctx.log.info({ incident: incident.id, status: incident.status }, 'PagerDuty cannot move an acknowledged incident back to triggered; it stays acknowledged (still open)');
    return incident;
  }
  if (wanted === 'acknowledged' && incident.status === 'resolved') {
    throw new PatchbayError('INVALID_STATE_TRANSITION', {
      message: `PagerDuty incident ${incident.id} is resolved: it cannot be acknowledged`,
      hint: 'Reopen it first (status open), then acknowledge it.',
      details: { key: incident.id, status: incident.status, target },
    });
  }
  if (!eventsCanMove(incident, dedupKey)) return updateIncident(ctx, incident.id, { status: wanted });
  checkDedupKey(dedupKey);
  await sendEvent(ctx, await routingKeyOf(ctx), { event_action: wanted === 'resolved' ? 'resolve' : 'acknowledge', dedup_key: dedupKey });
  return pollUntil(
    ctx,
    () => getIncident(ctx, incident.id),
    (current) => current.status === wanted || (wanted === 'acknowledged' && current.status === 'resolved'),
    `show incident ${incident.id} ${wanted}`,
    'PagerDuty applies events to the alert with the dedup key: an incident holding several alerts (alert grouping, merges) moves only when all its alerts do. Retrying is safe.',
  );
}

/** Applies a change in this order: the comment (as a note), the fields, then the status move. */
export async function updateTicket(ctx: Ctx, key: string, change: TicketChange): Promise<TicketState> {
  let incident = await getIncident(ctx, key);
  if (change.comment !== undefined && change.comment.trim() !== '') await addNote(ctx, key, change.comment);
  if (change.fields && Object.keys(change.fields).length > 0) incident = await applyFields(ctx, incident, change.fields);
  if (change.status) incident = await moveTo(ctx, incident, change.status, change.dedupKey);
  return ticketStateOf(incident);
}
