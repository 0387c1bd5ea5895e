import { defineAction, type PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import { apiUrl, type CrowdStrikeConfig } from '../config.ts';
import type { FalconBody } from '../streams/falcon-body.ts';

const input = z.object({
  composite_id: z.string().min(1).max(400).describe('The alert\'s composite_id (the alerts stream\'s id)'),
  status: z.enum(['new', 'in_progress', 'reopened', 'closed']).optional().describe('New status of the alert'),
  assign_to_uuid: z.uuid().optional().describe('Falcon user UUID to assign the alert to'),
  unassign: z.boolean().optional().describe('Clear the alert\'s assignee'),
  comment: z.string().min(1).max(4000).optional().describe('Comment appended to the alert'),
});

const output = z.object({
  composite_id: z.string(),
  applied: z.array(z.string()).describe('The action_parameters sent: update_status, assign_to_uuid, unassign, append_comment'),
});

type Input = z.output<typeof input>;

/** The v3 action_parameters for the requested changes (https://developer.crowdstrike.com/api-reference/collections/alerts/#patchentitiesalertsv3). */
function parametersOf(change: Input): { name: string; value: string }[] {
  if (change.assign_to_uuid !== undefined && change.unassign === true) {
    throw new PatchbayError('VALIDATION_FAILED', { message: 'Give assign_to_uuid or unassign, not both', field: 'unassign' });
  }
  const parameters = [
    ...(change.status !== undefined ? [{ name: 'update_status', value: change.status }] : []),
    ...(change.assign_to_uuid !== undefined ? [{ name: 'assign_to_uuid', value: change.assign_to_uuid }] : []),
    ...(change.unassign === true ? [{ name: 'unassign', value: '' }] : []),
    ...(change.comment !== undefined ? [{ name: 'append_comment', value: change.comment }] : []),
  ];
  if (parameters.length === 0) throw new PatchbayError('VALIDATION_FAILED', { message: 'Nothing to change: give status, assign_to_uuid, unassign or comment', field: 'status' });
  return parameters;
}

function request(config: CrowdStrikeConfig, change: Input): PlannedRequest {
  return {
    method: 'PATCH',
    url: apiUrl(config, '/alerts/entities/alerts/v3'),
    body: { composite_ids: [change.composite_id], action_parameters: parametersOf(change) },
    operation: 'update-alert',
  };
}

/**
 * Changes an alert's status, assignee and/or appends a comment, in one PATCH /alerts/entities/alerts/v3.
 * Sent once (no retry): a repeated append_comment would add the comment twice. An unknown composite id
 * is answered 404 and becomes NOT_FOUND.
 */
export const updateAlert = defineAction<typeof input, typeof output, CrowdStrikeConfig>({
  name: 'update-alert',
  title: 'Update alert',
  description: 'Sets an alert\'s status (new, in_progress, reopened, closed), assigns or unassigns it, and/or appends a comment.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'correct',
  permissions: ['alerts:write'],
  async run(ctx, change) {
    const planned = request(ctx.config, change);
    const response = await ctx.http.request<FalconBody<string>>({ ...planned, retry: false, acceptStatus: [404] });
    if (response.status === 404) {
      throw new PatchbayError('NOT_FOUND', { message: `Falcon has no alert with composite id ${change.composite_id}`, field: 'composite_id', details: { vendor_errors: response.body?.errors ?? [] } });
    }
    return { composite_id: change.composite_id, applied: (planned.body as { action_parameters: { name: string }[] }).action_parameters.map((p) => p.name) };
  },
  plan: (ctx, change) => [request(ctx.config, change)],
});
