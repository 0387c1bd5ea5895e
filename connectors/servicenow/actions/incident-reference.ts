import type { PlannedRequest } from '@patchbay/sdk';
import { z } from 'zod';

/** Actions name an incident by sys_id or by number, as people do. */
export const incidentReference = z.string().min(1).max(40).describe('The incident: its sys_id (32 hexadecimal characters) or its number, like INC0010001');

export const incidentOutput = z.object({
  sys_id: z.string().describe('The incident sys_id (the ticket key)'),
  number: z.string().describe('The incident number'),
  url: z.string().describe('A link to the incident form'),
  status: z.string().describe('Its state after the action: New, In Progress, On Hold, Resolved, Closed or Canceled'),
  changed: z.boolean().describe('false when the incident was already so and nothing was written'),
});

const SYS_ID = /^[0-9a-f]{32}$/;

/** The dry-run lookup of an incident reference: GET by sys_id, or the list query by number. */
export function lookupRequest(reference: string): PlannedRequest {
  return SYS_ID.test(reference)
    ? { method: 'GET', url: `/api/now/table/incident/${reference}`, query: { sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true' }, operation: 'get-incident' }
    : {
        method: 'GET',
        url: '/api/now/table/incident',
        query: { sysparm_query: `number=${reference}^ORDERBYsys_created_on`, sysparm_display_value: 'all', sysparm_exclude_reference_link: 'true', sysparm_limit: 1 },
        operation: 'find-incident',
      };
}

/** The PATCH of a dry run, on the sys_id when the reference is one, else on a placeholder naming the number. */
export function plannedPatch(reference: string, body: Record<string, unknown>, retry: boolean): PlannedRequest {
  const target = SYS_ID.test(reference) ? reference : `{sys_id of ${reference}}`;
  return { method: 'PATCH', url: `/api/now/table/incident/${target}`, body, retry, operation: 'update-incident' };
}

export { assertWritable } from '../tickets/incident-body.ts';
