import { GetDetectorCommand } from '@aws-sdk/client-guardduty';
import { defineStream } from '@patchbay/sdk';
import { z } from 'zod';
import { RegionalGuardDuty } from '../client/guardduty.ts';
import type { GuardDutyConfig } from '../config.ts';
import { mapDetector } from '../mappers/detector.ts';
import type { GuardDutyDetector } from '../mappers/types.ts';
import { detectorIds } from './detector-ids.ts';

/** The Regions this run has read whole; a run stopped midway resumes after them. */
export const detectorsCheckpoint = z.object({ done: z.array(z.string()) });

/**
 * Full refresh: every run reads each configured Region's detector (ListDetectors, then GetDetector,
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html), one page per Region,
 * and the engine marks detectors it did not see as deleted (GuardDuty disabled in that Region).
 */
export const detectors = defineStream<GuardDutyDetector, typeof detectorsCheckpoint, GuardDutyConfig>({
  name: 'detectors',
  title: 'Detectors',
  description: 'The GuardDuty detector of each configured Region, with its status, features and publishing frequency; deleted when GuardDuty is disabled there.',
  ocsf: { class: 'cloud_resources_inventory_info', classUid: 5023 },
  primaryKey: (detector) => `${detector.region}/${detector.detectorId}`,
  checkpoint: detectorsCheckpoint,
  fullRefresh: true,
  permissions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  schedule: { intervalMinutes: 360 },
  async *fetch(ctx, checkpoint) {
    const done = [...(checkpoint?.done ?? [])];
    for (const region of ctx.config.regions) {
      if (done.includes(region)) continue;
      const guardDuty = new RegionalGuardDuty(ctx, region, 'detectors');
      const records: GuardDutyDetector[] = [];
      for (const detectorId of await detectorIds(guardDuty)) {
        const detector = await guardDuty.raw<Record<string, unknown>>(new GetDetectorCommand({ DetectorId: detectorId }));
        records.push({ ...detector, detectorId, region });
      }
      done.push(region);
      yield { records, checkpoint: { done: [...done] } };
    }
  },
  map: mapDetector,
});
