import { ArchiveFindingsCommand, UnarchiveFindingsCommand } from '@aws-sdk/client-guardduty';
import { defineAction, type ConnectorContext, type PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import { RegionalGuardDuty } from '../client/guardduty.ts';
import { vendorError } from '../client/vendor-error.ts';
import { regionSchema, type GuardDutyConfig, type GuardDutyRegion } from '../config.ts';
import { detectorIds } from '../streams/detector-ids.ts';

export const findingActionInput = z.object({
  region: regionSchema.describe('The Region of the findings (their `region`; one detector per Region)'),
  finding_ids: z.array(z.string().min(1).max(300)).min(1).max(50).describe('GuardDuty finding ids (at most 50 per call)'),
  detector_id: z.string().min(1).max(300).optional().describe("The Region's detector; looked up with ListDetectors when omitted"),
});

export const findingActionOutput = z.object({
  region: z.string(),
  detector_id: z.string(),
  finding_ids: z.array(z.string()),
  archived: z.boolean().describe('Whether the findings are now archived'),
});

type Input = z.output<typeof findingActionInput>;

function endpointOf(config: GuardDutyConfig, region: GuardDutyRegion): string {
  return (config.base_url ?? `https://guardduty.${region}.amazonaws.com`).replace(/\/+$/, '');
}

async function detectorFor(guardDuty: RegionalGuardDuty, input: Input): Promise<string> {
  if (input.detector_id) return input.detector_id;
  const [id] = await detectorIds(guardDuty);
  if (id === undefined) {
    throw new PatchbayError('VENDOR_REQUEST_REJECTED', { message: `GuardDuty is not enabled in ${input.region}: it has no detector there`, field: 'region' });
  }
  return id;
}

/**
 * ArchiveFindings and UnarchiveFindings (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ArchiveFindings.html,
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_UnarchiveFindings.html): POST
 * /detector/{detectorId}/findings/archive|unarchive with `findingIds`. Both are idempotent (archiving an
 * archived finding changes nothing), so retries are safe. In an organisation only the administrator
 * account may archive or unarchive.
 */
export function findingAction(archive: boolean) {
  const name = archive ? 'archive-findings' : 'unarchive-findings';
  const operation = archive ? 'ArchiveFindings' : 'UnarchiveFindings';
  return defineAction({
    name,
    title: archive ? 'Archive findings' : 'Unarchive findings',
    description: archive
      ? 'Archives GuardDuty findings: they leave the current findings list (suppression of noise or handled alerts).'
      : 'Moves archived GuardDuty findings back to the current findings list.',
    input: findingActionInput,
    output: findingActionOutput,
    readOnly: false,
    reverse: archive ? 'unarchive-findings' : 'archive-findings',
    impact: 'low',
    category: 'correct',
    permissions: [`guardduty:${operation}`, 'guardduty:ListDetectors'],
    async run(ctx: ConnectorContext<GuardDutyConfig>, input) {
      const guardDuty = new RegionalGuardDuty(ctx, input.region, name);
      const detectorId = await detectorFor(guardDuty, input);
      const command = archive
        ? new ArchiveFindingsCommand({ DetectorId: detectorId, FindingIds: input.finding_ids })
        : new UnarchiveFindingsCommand({ DetectorId: detectorId, FindingIds: input.finding_ids });
      try {
        await guardDuty.raw(command);
      } catch (error) {
        throw vendorError(error, `${operation} in ${input.region}`);
      }
      return { region: input.region, detector_id: detectorId, finding_ids: input.finding_ids, archived: archive };
    },
    plan(ctx: ConnectorContext<GuardDutyConfig>, input): PlannedRequest[] {
      const endpoint = endpointOf(ctx.config, input.region);
      const lookup: PlannedRequest[] = input.detector_id ? [] : [{ method: 'GET', url: `${endpoint}/detector`, operation: 'ListDetectors' }];
      const detector = input.detector_id ?? '{detectorId from ListDetectors}';
      return [...lookup, { method: 'POST', url: `${endpoint}/detector/${detector}/findings/${archive ? 'archive' : 'unarchive'}`, body: { findingIds: input.finding_ids }, operation }];
    },
  });
}
