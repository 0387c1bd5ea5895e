import { defineAction, type ConnectorContext, type PlannedRequest } from '@patchbay/sdk';
import { z } from 'zod';
import type { DefenderConfig } from '../config.ts';
import type { GraphAlert } from '../vendor.ts';

/** Values Graph documents for alertStatus, alertClassification and alertDetermination. */
const status = z.enum(['new', 'inProgress', 'resolved']);
const classification = z.enum(['unknown', 'falsePositive', 'truePositive', 'informationalExpectedActivity']);
const determination = z.enum([
  'unknown', 'apt', 'malware', 'securityPersonnel', 'securityTesting', 'unwantedSoftware', 'other', 'multiStagedAttack', 'compromisedAccount',
  'phishing', 'maliciousUserActivity', 'notMalicious', 'notEnoughDataToValidate', 'confirmedActivity', 'lineOfBusinessApplication',
]);

const input = z
  .object({
    alert_id: z.string().min(1).max(200).describe('The alert id (the alerts stream record id)'),
    status: status.optional().describe('New status'),
    classification: classification.optional().describe('How the alert was classified'),
    determination: determination.optional().describe('What the alert turned out to be'),
    assigned_to: z.string().min(1).max(200).optional().describe('Owner (user principal name)'),
  })
  .refine((v) => v.status !== undefined || v.classification !== undefined || v.determination !== undefined || v.assigned_to !== undefined, {
    message: 'set at least one of status, classification, determination, assigned_to',
  });

const output = z.object({
  id: z.string(),
  status: z.string().nullable(),
  classification: z.string().nullable(),
  determination: z.string().nullable(),
  assigned_to: z.string().nullable(),
  last_update_time: z.string().nullable(),
});

type Input = z.output<typeof input>;

function request(values: Input): PlannedRequest {
  const body = {
    ...(values.status !== undefined ? { status: values.status } : {}),
    ...(values.classification !== undefined ? { classification: values.classification } : {}),
    ...(values.determination !== undefined ? { determination: values.determination } : {}),
    ...(values.assigned_to !== undefined ? { assignedTo: values.assigned_to } : {}),
  };
  return { method: 'PATCH', url: `security/alerts_v2/${encodeURIComponent(values.alert_id)}`, body, operation: 'update-alert' };
}

/**
 * PATCH /security/alerts_v2/{id} (https://learn.microsoft.com/en-us/graph/api/security-alert-update?view=graph-rest-1.0):
 * sets status, classification, determination and owner. Graph moves the alert's lastUpdateDateTime, so the
 * next run of the alerts stream brings the change back (two-way). Setting the same values again changes
 * nothing, so it is safe to repeat; an unknown alert is Graph's 404 (VENDOR_REQUEST_REJECTED).
 */
export const updateAlert = defineAction<typeof input, typeof output, DefenderConfig>({
  name: 'update-alert',
  title: 'Update alert',
  description: 'Sets the status, classification, determination or owner of a Microsoft Defender XDR alert (Graph alerts_v2).',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'correct',
  permissions: ['SecurityAlert.ReadWrite.All'],
  plan: (_ctx: ConnectorContext<DefenderConfig>, values) => [request(values)],
  async run(ctx, values) {
    const response = await ctx.http.request<GraphAlert>(request(values));
    const alert = response.body;
    const field = (name: string): string | null => (typeof alert[name] === 'string' ? (alert[name] as string) : null);
    return { id: alert.id, status: field('status'), classification: field('classification'), determination: field('determination'), assigned_to: field('assignedTo'), last_update_time: field('lastUpdateDateTime') };
  },
});
