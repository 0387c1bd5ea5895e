import { z } from 'zod';
import { maskSecrets, type ActionLimitRow, type ActionRunRow, type DryRun } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const actionRunStatus = z.enum(['pending_approval', 'approved', 'rejected', 'expired', 'running', 'succeeded', 'failed', 'reversed']);

export const actionRunJson = z.object({
  id: z.uuid(),
  instance_id: z.uuid(),
  connector_id: z.string(),
  action: z.string(),
  impact: z.string().describe('low, medium or high; high needs an approval'),
  requires_approval: z.boolean(),
  status: actionRunStatus,
  trigger: z.enum(['manual', 'subscription', 'reversal', 'expiry']),
  input: z.record(z.string(), z.unknown()).describe('The validated input; secret-named fields masked'),
  record_id: z.uuid().nullable().describe('The finding or incident record the run is about'),
  subscription_id: z.uuid().nullable(),
  requested_by: z.uuid().nullable(),
  requested_by_label: z.string(),
  decided_by: z.uuid().nullable().describe('Who approved or rejected it'),
  decided_by_label: z.string().nullable(),
  decided_at: isoOrNull,
  decision_comment: z.string().nullable(),
  approval_expires_at: isoOrNull,
  expires_in_seconds: z.number().int().nullable(),
  reverse_at: isoOrNull.describe('When the run is reversed automatically'),
  reverses_run_id: z.uuid().nullable(),
  reversed_by_run_id: z.uuid().nullable(),
  result: z.record(z.string(), z.unknown()).nullable().describe("The action's output"),
  vendor_response: z.record(z.string(), z.unknown()).nullable().describe('The HTTP exchanges with the vendor: method, host, status, attempt, duration'),
  error: z.record(z.string(), z.unknown()).nullable(),
  started_at: isoOrNull,
  finished_at: isoOrNull,
  duration_ms: z.number().int().nullable(),
  created_at: iso,
  updated_at: iso,
});

export const dryRunJson = z.object({
  dry_run: z.literal(true),
  connector_id: z.string(),
  action: z.string(),
  impact: z.string(),
  requires_approval: z.boolean(),
  input: z.record(z.string(), z.unknown()),
  requests: z.array(z.record(z.string(), z.unknown())).nullable().describe("The requests the action would send (its plan); null when it declares no plan"),
});

export const invokeBody = z
  .object({
    input: z.record(z.string(), z.unknown()).optional().describe("The action's input (its schema is in GET /api/integration/connectors/{id}/capabilities)"),
    dry_run: z.boolean().optional().describe('Validate and show the planned requests without sending them'),
    dryRun: z.boolean().optional().describe('Same as dry_run'),
    record_id: z.uuid().nullable().optional().describe('The finding or incident record this run is about'),
    expires_in_seconds: z.number().int().min(60).max(90 * 86_400).nullable().optional().describe('Reverse the run automatically this long after it succeeds (actions with a reverse only)'),
  })
  .strict();

export const decisionBody = z.object({ comment: z.string().max(2000).optional() }).strict();

export const actionRunQuery = {
  instance_id: z.uuid().optional(),
  status: actionRunStatus.optional(),
  action: z.string().min(1).max(100).optional(),
};

export const actionLimitJson = z.object({
  action: z.string(),
  max_runs: z.number().int().describe('At most this many runs of the action on the instance...'),
  per_seconds: z.number().int().describe('...in any window of this many seconds'),
});

export const actionLimitsBody = z.object({ items: z.array(actionLimitJson.extend({ max_runs: z.number().int().min(0).max(100_000), per_seconds: z.number().int().min(1).max(30 * 86_400) }).strict()).max(100) }).strict();

export const actionParams = z.object({ id: z.uuid(), name: z.string().min(1).max(100) });

export const toActionLimitJson = (r: ActionLimitRow): z.infer<typeof actionLimitJson> => ({ action: r.action, max_runs: r.maxRuns, per_seconds: r.perSeconds });

export function toDryRunJson(d: DryRun): z.infer<typeof dryRunJson> {
  return { dry_run: true, connector_id: d.connectorId, action: d.action, impact: d.impact, requires_approval: d.requiresApproval, input: d.input as Record<string, unknown>, requests: d.requests };
}

export function toActionRunJson(r: ActionRunRow): z.infer<typeof actionRunJson> {
  return {
    id: r.id,
    instance_id: r.instanceId,
    connector_id: r.connectorId,
    action: r.action,
    impact: r.impact,
    requires_approval: r.requiresApproval,
    status: r.status,
    trigger: r.trigger,
    input: maskSecrets(r.input) as Record<string, unknown>,
    record_id: r.recordId,
    subscription_id: r.subscriptionId,
    requested_by: r.requestedBy,
    requested_by_label: r.requestedByLabel,
    decided_by: r.decidedBy,
    decided_by_label: r.decidedByLabel,
    decided_at: toIso(r.decidedAt),
    decision_comment: r.decisionComment,
    approval_expires_at: toIso(r.approvalExpiresAt),
    expires_in_seconds: r.expiresInSeconds,
    reverse_at: toIso(r.reverseAt),
    reverses_run_id: r.reversesRunId,
    reversed_by_run_id: r.reversedByRunId,
    result: r.result,
    vendor_response: r.vendorResponse,
    error: r.errorDetails,
    started_at: toIso(r.startedAt),
    finished_at: toIso(r.finishedAt),
    duration_ms: r.durationMs,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}
