import type { ConnectorContext, HttpRequest, HttpResponse } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { ServiceNowConfig } from '../config.ts';
import { TICKET_ERROR_STATUSES, ticketCallError } from '../servicenow-errors.ts';
import { READ_PARAMS, type TableRecord } from '../table-record.ts';

const INCIDENTS = '/api/now/table/incident';
const SYS_ID = /^[0-9a-f]{32}$/;
const NUMBER = /^[A-Z]{2,10}\d{4,12}$/;

type Ctx = ConnectorContext<ServiceNowConfig>;

/** The single record of a Table API answer ({"result": {...}}). */
function recordOf(response: HttpResponse, operation: string): TableRecord {
  const result = (response.body as { result?: unknown } | null)?.result;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `ServiceNow answered ${operation} without a record`, details: { operation } });
  }
  return result as TableRecord;
}

function listOf(response: HttpResponse, operation: string): TableRecord[] {
  const result = (response.body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `ServiceNow answered ${operation} without a result list`, details: { operation } });
  return result as TableRecord[];
}

async function send(ctx: Ctx, request: HttpRequest & { operation: string }, what: string): Promise<HttpResponse> {
  const response = await ctx.http.request({ ...request, acceptStatus: TICKET_ERROR_STATUSES });
  if (response.status >= 400) throw ticketCallError(response, what, request.operation);
  return response;
}

/** A sys_id as the ticket key: 32 lowercase hexadecimal characters. */
export function checkSysId(key: string): string {
  if (!SYS_ID.test(key)) throw new PatchbayError('VALIDATION_FAILED', { field: 'key', message: `"${key.slice(0, 60)}" is not an incident sys_id (32 hexadecimal characters)` });
  return key;
}

/** GET /api/now/table/incident/{sys_id}: NOT_FOUND when ServiceNow has none. */
export async function getIncident(ctx: Ctx, sysId: string): Promise<TableRecord> {
  const response = await send(ctx, { method: 'GET', url: `${INCIDENTS}/${checkSysId(sysId)}`, query: READ_PARAMS, operation: 'get-incident' }, `incident ${sysId}`);
  return recordOf(response, 'get-incident');
}

/** The first incident matching an encoded query (ordered by creation), or undefined. */
export async function findIncident(ctx: Ctx, query: string, what: string): Promise<TableRecord | undefined> {
  const response = await send(ctx, { method: 'GET', url: INCIDENTS, query: { sysparm_query: `${query}^ORDERBYsys_created_on`, ...READ_PARAMS, sysparm_limit: 1 }, operation: 'find-incident' }, what);
  return listOf(response, 'find-incident')[0];
}

/** An incident by sys_id or by number (INC0010001), as people name them in actions. */
export async function resolveIncident(ctx: Ctx, reference: string): Promise<TableRecord> {
  if (SYS_ID.test(reference)) return getIncident(ctx, reference);
  if (!NUMBER.test(reference)) throw new PatchbayError('VALIDATION_FAILED', { field: 'incident', message: `"${reference.slice(0, 60)}" is neither an incident sys_id (32 hexadecimal characters) nor a number like INC0010001` });
  const found = await findIncident(ctx, `number=${reference}`, `incident ${reference}`);
  if (!found) throw new PatchbayError('NOT_FOUND', { message: `ServiceNow has no incident ${reference}, or an ACL hides it from the integration user`, hint: 'Check the incident number.' });
  return found;
}

function writeQuery(ctx: Ctx): Record<string, string> {
  return { ...READ_PARAMS, ...(ctx.config.input_display_value ? { sysparm_input_display_value: 'true' } : {}) };
}

/**
 * POST /api/now/table/incident (201 with the new record). Sent once: a retry after a lost answer could
 * open a second incident, so the caller looks the incident up by its correlation id again instead.
 */
export async function insertIncident(ctx: Ctx, body: Record<string, unknown>): Promise<TableRecord> {
  const response = await send(ctx, { method: 'POST', url: INCIDENTS, query: writeQuery(ctx), body, retry: false, operation: 'create-incident' }, 'a new incident');
  return recordOf(response, 'create-incident');
}

/** PATCH /api/now/table/incident/{sys_id}; repeated on transient failures only when it carries no journal entry (a comment would be added twice). */
export async function patchIncident(ctx: Ctx, sysId: string, body: Record<string, unknown>, idempotent: boolean): Promise<TableRecord> {
  const response = await send(ctx, { method: 'PATCH', url: `${INCIDENTS}/${checkSysId(sysId)}`, query: writeQuery(ctx), body, retry: idempotent, operation: 'update-incident' }, `incident ${sysId}`);
  return recordOf(response, 'update-incident');
}

/** The link a person opens: the incident form in the instance's UI. */
export function incidentUrl(config: Pick<ServiceNowConfig, 'base_url'>, sysId: string): string {
  return new URL(`/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${sysId}`)}`, config.base_url).toString();
}
