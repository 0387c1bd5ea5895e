import { BatchUpdateFindingsCommand, GetFindingsCommand, type BatchUpdateFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { defineAction, type ConnectorContext, type PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import { SecurityHub } from '../client/security-hub.ts';
import { endpoint, type SecurityHubConfig } from '../config.ts';
import type { AsffFinding } from '../mappers/finding.ts';

const workflowStatus = z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']);
const identifier = z.object({
  id: z.string().min(1).max(512).describe('The finding Id'),
  product_arn: z.string().min(1).max(2048).describe('The finding ProductArn'),
});

const input = z
  .object({
    findings: z.array(identifier).min(1).max(100).describe('Findings to update (BatchUpdateFindings takes up to 100)'),
    status: workflowStatus.optional().describe('New Workflow.Status'),
    note: z.string().min(1).max(512).optional().describe('Note text to set on the findings (replaces the current note)'),
    note_author: z.string().min(1).max(512).default('Patchbay').describe('Note.UpdatedBy'),
  })
  .refine((value) => value.status !== undefined || value.note !== undefined, { message: 'Give a status, a note, or both' });

const output = z.object({
  processed: z.array(identifier.extend({ previous_status: workflowStatus.nullable().describe('Workflow.Status before the update (null when it could not be read)') })),
  unprocessed: z.array(identifier.extend({ error_code: z.string(), error_message: z.string() })),
});

type Input = z.output<typeof input>;
type Config = SecurityHubConfig;

/** GetFindings accepts up to 20 values per filter attribute. */
const READ_CHUNK = 20;

/**
 * The BatchUpdateFindings input. Every member is in the JSON body under the same name (botocore
 * securityhub 2018-10-26), so the dry run's planned body is this input as it is.
 */
function batchUpdateInput(value: Input): BatchUpdateFindingsCommandInput {
  return {
    FindingIdentifiers: value.findings.map((f) => ({ Id: f.id, ProductArn: f.product_arn })),
    ...(value.status ? { Workflow: { Status: value.status } } : {}),
    ...(value.note ? { Note: { Text: value.note, UpdatedBy: value.note_author } } : {}),
  };
}

function plannedRequest(config: Config, value: Input): PlannedRequest {
  return { method: 'PATCH', url: endpoint(config, '/findings/batchupdate'), body: batchUpdateInput(value), operation: 'batch-update-findings' };
}

/** The findings' Workflow.Status before the update, read with GetFindings by Id (20 ids per request). */
async function previousStatuses(hub: SecurityHub, ids: readonly string[]): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (let at = 0; at < ids.length; at += READ_CHUNK) {
    const chunk = ids.slice(at, at + READ_CHUNK);
    const page = await hub.raw<{ Findings?: AsffFinding[] }>(new GetFindingsCommand({ Filters: { Id: chunk.map((id) => ({ Value: id, Comparison: 'EQUALS' })) }, MaxResults: 100 }));
    for (const finding of page.Findings ?? []) if (finding.Workflow?.Status) statuses.set(finding.Id, finding.Workflow.Status);
  }
  return statuses;
}

interface BatchUpdateAnswer {
  readonly ProcessedFindings?: readonly { readonly Id: string; readonly ProductArn: string }[];
  readonly UnprocessedFindings?: readonly { readonly FindingIdentifier: { readonly Id: string; readonly ProductArn: string }; readonly ErrorCode: string; readonly ErrorMessage: string }[];
}

/**
 * BatchUpdateFindings (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchUpdateFindings.html,
 * the AWS SDK's BatchUpdateFindingsCommand sent through ctx.http): sets Workflow.Status and/or the
 * note. Its own undo is a second run with the `previous_status` it reports, so it names no reverse. Findings Security Hub could not update are listed, not thrown;
 * when none was found at all it fails with NOT_FOUND.
 */
export const updateFindingWorkflow = defineAction({
  name: 'update-finding-workflow',
  title: 'Update finding workflow',
  description: 'Sets the workflow status (NEW, NOTIFIED, RESOLVED, SUPPRESSED) and/or the note of Security Hub findings, and reports the previous status of each.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'correct',
  permissions: ['securityhub:BatchUpdateFindings', 'securityhub:GetFindings'],
  plan: (ctx: ConnectorContext<Config>, value: Input) => [plannedRequest(ctx.config, value)],
  async run(ctx: ConnectorContext<Config>, value: Input) {
    const hub = new SecurityHub(ctx, 'update-finding-workflow');
    const before = await previousStatuses(hub, value.findings.map((f) => f.id));
    const answer = await hub.raw<BatchUpdateAnswer>(new BatchUpdateFindingsCommand(batchUpdateInput(value)));
    const processed = (answer.ProcessedFindings ?? []).map((f) => ({ id: f.Id, product_arn: f.ProductArn, previous_status: workflowStatus.safeParse(before.get(f.Id)).data ?? null }));
    const unprocessed = (answer.UnprocessedFindings ?? []).map((f) => ({ id: f.FindingIdentifier.Id, product_arn: f.FindingIdentifier.ProductArn, error_code: f.ErrorCode, error_message: f.ErrorMessage }));
    if (processed.length === 0 && unprocessed.length > 0 && unprocessed.every((f) => f.error_code === 'FindingNotFound')) {
      throw new PatchbayError('NOT_FOUND', { message: `Security Hub found none of the ${unprocessed.length} findings to update`, details: { ids: unprocessed.map((f) => f.id) } });
    }
    return { processed, unprocessed };
  },
});
