import { aclFailed, badRequest, dataPolicy, type Answer } from './answers.ts';
import type { InstanceStore, Row } from './instance-store.ts';
import { CHOICES, JOURNAL_FIELDS, REFERENCES, fieldsOf } from './schema.ts';

/** A user of the simulated instance: who a request runs as. */
export interface SimUser {
  readonly sysId: string;
  readonly userName: string;
  readonly roles: readonly string[];
}

/** The base Priority Data Lookup: impact,urgency → priority (https://docs.servicenow.com/bundle/rome-it-service-management/page/product/incident-management/task/def-prio-lookup-rules.html). */
const PRIORITY: Readonly<Record<string, string>> = { '1,1': '1', '1,2': '2', '1,3': '3', '2,1': '2', '2,2': '3', '2,3': '4', '3,1': '3', '3,2': '4', '3,3': '5' };
const READ_ONLY = new Set(['7', '8']);

/** The priority the lookup gives an impact and urgency. */
export function priorityOf(impact: string, urgency: string): string {
  return PRIORITY[`${impact},${urgency}`] ?? '';
}
const CLOSING = new Set(['6', '7']);
const INCIDENT_FIELDS = new Set(fieldsOf('incident'));

export type Outcome = { readonly ok: true; readonly row: Row; readonly changed: boolean } | { readonly ok: false; readonly answer: Answer };

/** Request body values as database values; with sysparm_input_display_value, names and labels are looked up. Unknown fields are ignored, as the instance does. */
function inputValues(store: InstanceStore, body: unknown, displayInput: boolean): { values: Record<string, string> } | { answer: Answer } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { answer: badRequest('The request body is not a JSON object') };
  const values: Record<string, string> = {};
  for (const [field, raw] of Object.entries(body)) {
    if (!INCIDENT_FIELDS.has(field) || JOURNAL_FIELDS.has(field) || field.startsWith('sys_') || field === 'number' || raw === null || typeof raw === 'object') continue;
    let value = String(raw);
    if (displayInput && REFERENCES[field] && value !== '') value = store.idOfName(value) ?? value;
    if (displayInput && CHOICES[field]) value = Object.entries(CHOICES[field]!).find(([, label]) => label === value)?.[0] ?? value;
    values[field] = value;
  }
  return { values };
}

/** Business rules and policies of the base instance that run when an incident is written. */
function applyRules(store: InstanceStore, row: Row, before: Row | undefined, user: SimUser): Answer | undefined {
  row.priority = priorityOf(row.impact ?? '', row.urgency ?? '') || (row.priority ?? '');
  row.incident_state = row.state ?? '';
  const entered = (state: string) => row.state === state && before?.state !== state;
  if (CLOSING.has(row.state ?? '') && (row.close_code === '' || row.close_notes === '')) {
    // Data policy "Make close info mandatory when resolved or closed".
    return dataPolicy([...(row.close_code === '' ? ['Resolution code'] : []), ...(row.close_notes === '' ? ['Resolution notes'] : [])]);
  }
  if (entered('6')) Object.assign(row, { resolved_at: store.now(), resolved_by: user.sysId });
  if (entered('7')) Object.assign(row, { closed_at: store.now(), closed_by: user.sysId, ...(row.resolved_at ? {} : { resolved_at: store.now(), resolved_by: user.sysId }) });
  if (before?.state === '6' && ['1', '2', '3'].includes(row.state ?? '')) {
    // Reopened: the resolution goes, the reopen count grows.
    Object.assign(row, { reopen_count: String(Number(before.reopen_count || '0') + 1), resolved_at: '', resolved_by: '' });
  }
  row.active = READ_ONLY.has(row.state ?? '') ? 'false' : 'true';
  return undefined;
}

function journalOf(body: unknown): [field: 'comments' | 'work_notes', text: string][] {
  const entries: [field: 'comments' | 'work_notes', text: string][] = [];
  for (const field of ['comments', 'work_notes'] as const) {
    const text = (body as Record<string, unknown>)[field];
    if (typeof text === 'string' && text.trim() !== '') entries.push([field, text]);
  }
  return entries;
}

/** POST /api/now/table/incident: a new incident numbered INC0010001 onwards, New unless given, with the lookups, policies and journal entries. */
export function insertIncident(store: InstanceStore, body: unknown, user: SimUser, displayInput: boolean, nextNumber: () => string): Outcome {
  if (!user.roles.includes('itil')) return { ok: false, answer: aclFailed('Insert') };
  const input = inputValues(store, body, displayInput);
  if ('answer' in input) return { ok: false, answer: input.answer };
  const draft: Row = { state: '1', impact: '3', urgency: '3', severity: '3', reopen_count: '0', opened_by: user.sysId, ...input.values };
  const row = store.insert('incident', { ...draft, number: nextNumber(), opened_at: store.now() }, user.userName);
  const refused = applyRules(store, row, undefined, user);
  if (refused) {
    store.rows.delete(row.sys_id!);
    return { ok: false, answer: refused };
  }
  for (const [field, text] of journalOf(body)) store.journal(row.sys_id!, field, text, user.sysId);
  return { ok: true, row, changed: true };
}

/** PATCH/PUT /api/now/table/incident/{sys_id}: closed and canceled incidents are read-only (write ACL); nothing changes on an update that changes nothing. */
export function updateIncident(store: InstanceStore, row: Row, body: unknown, user: SimUser, displayInput: boolean): Outcome {
  if (!user.roles.includes('itil') || READ_ONLY.has(row.state ?? '')) return { ok: false, answer: aclFailed('Update') };
  const input = inputValues(store, body, displayInput);
  if ('answer' in input) return { ok: false, answer: input.answer };
  const before = { ...row };
  const after: Row = { ...row, ...input.values };
  const refused = applyRules(store, after, before, user);
  if (refused) return { ok: false, answer: refused };
  const journal = journalOf(body);
  const changed = journal.length > 0 || Object.keys(after).some((field) => !JOURNAL_FIELDS.has(field) && after[field] !== before[field]);
  if (!changed) return { ok: true, row, changed: false };
  Object.assign(row, after, { sys_updated_on: store.now(), sys_updated_by: user.userName, sys_mod_count: String(Number(row.sys_mod_count || '0') + 1) });
  for (const [field, text] of journal) store.journal(row.sys_id!, field, text, user.sysId);
  return { ok: true, row, changed: true };
}
