import type { TicketChange, TicketDraft } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { ServiceNowConfig } from '../config.ts';
import { CLOSING_STATES, READ_ONLY_STATES, STATE_FOR_STATUS, STATUS_TABLE, stateName } from '../incident-states.ts';
import { displayOf, valueOf, type TableRecord } from '../table-record.ts';
import { CORRELATION_DISPLAY, correlationIdOf } from './correlation.ts';

/** incident.short_description holds 160 characters. */
const TITLE_LENGTH = 160;
/** Fields Patchbay sets itself: a field mapping may not replace them (the lookup by dedup key relies on them). */
const OWN_FIELDS = new Set(['correlation_id', 'correlation_display', 'sys_id', 'number']);
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

function checkFields(fields: Readonly<Record<string, unknown>>, where: string): Record<string, unknown> {
  for (const name of Object.keys(fields)) {
    if (!FIELD_NAME.test(name)) throw new PatchbayError('VALIDATION_FAILED', { field: `${where}.${name}`, message: `"${name}" is not an incident field name (lowercase letters, digits and underscores)` });
    if (OWN_FIELDS.has(name)) throw new PatchbayError('VALIDATION_FAILED', { field: `${where}.${name}`, message: `${name} is set by Patchbay (it identifies the ticket) and cannot be mapped` });
  }
  return { ...fields };
}

/** Refuses a write to a closed or canceled incident (read-only in ServiceNow) before anything is sent. */
export function assertWritable(record: TableRecord, doing: string): void {
  const state = valueOf(record, 'state');
  if (state === undefined || !READ_ONLY_STATES.has(state)) return;
  const name = stateName(state, displayOf(record, 'state'));
  throw new PatchbayError('INVALID_STATE_TRANSITION', {
    message: `Incident ${valueOf(record, 'number') ?? valueOf(record, 'sys_id') ?? ''} is ${name}: ServiceNow keeps it read-only, so Patchbay cannot ${doing}`,
    hint: 'Open a new ticket for the finding: a closed or canceled incident is not reopened.',
    details: { state, status: name },
  });
}

/**
 * The body of POST /api/now/table/incident for a draft: title and description (with the labels as a last
 * line: incidents have no labels through the Table API), impact and urgency from the priority table
 * (ServiceNow derives the priority), the dedup key as correlation_id, then the mapped fields, which may
 * override impact and urgency (not the correlation fields).
 */
export function createBody(config: ServiceNowConfig, draft: TicketDraft): Record<string, unknown> {
  const level = config.priority_table[String(draft.priority) as keyof ServiceNowConfig['priority_table']];
  if (!level) throw new PatchbayError('VALIDATION_FAILED', { field: 'priority', message: `Priority ${String(draft.priority)} is not 1 to 5` });
  const labels = draft.labels.length > 0 ? `\n\nLabels: ${draft.labels.join(', ')}` : '';
  return {
    short_description: draft.title.length > TITLE_LENGTH ? `${draft.title.slice(0, TITLE_LENGTH - 1)}…` : draft.title,
    description: `${draft.description}${labels}`,
    impact: String(level.impact),
    urgency: String(level.urgency),
    ...checkFields(draft.fields, 'fields'),
    correlation_id: correlationIdOf(draft.dedupKey),
    correlation_display: CORRELATION_DISPLAY,
  };
}

/**
 * The body of the PATCH for a change, given the incident as it is: mapped fields, the state the status
 * table gives for the new status (when the incident's state does not already count as that status), the resolution code and notes a resolving or closing
 * state needs (unless the incident has them; the comment serves as notes when there is one), and the
 * comment in the configured journal field. Empty when there is nothing to write. Closed and canceled
 * incidents are read-only in ServiceNow: any write to them is refused here, before a request is sent.
 */
export function updateBody(config: ServiceNowConfig, current: TableRecord, change: TicketChange): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  // A more urgent priority (a worse finding joined the ticket): impact and urgency from the table; mapped fields still win.
  const level = change.priority === undefined ? undefined : config.priority_table[String(change.priority) as keyof ServiceNowConfig['priority_table']];
  if (level) Object.assign(body, { impact: String(level.impact), urgency: String(level.urgency) });
  if (change.fields) Object.assign(body, checkFields(change.fields, 'fields'));
  const state = valueOf(current, 'state');
  const now = STATUS_TABLE[stateName(state, displayOf(current, 'state')) ?? ''];
  // A status the incident already has (Canceled is `closed` too), or `resolved` asked of a closed one, moves nothing.
  const wanted = change.status;
  const target = wanted !== undefined && wanted !== now && !(wanted === 'resolved' && now === 'closed') ? STATE_FOR_STATUS[wanted] : undefined;
  if (target !== undefined) {
    body.state = target;
    if (CLOSING_STATES.has(target)) {
      if (!valueOf(current, 'close_code')) body.close_code = config.close_code;
      if (!valueOf(current, 'close_notes')) body.close_notes = change.comment ?? config.close_notes;
    }
  }
  if (change.comment !== undefined && change.comment.trim() !== '') body[config.comment_field] = change.comment;
  if (Object.keys(body).length > 0) assertWritable(current, 'change, reopen or comment on it');
  return body;
}
