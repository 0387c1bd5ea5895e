import { datetimeCursorStateSchema, defineStream, incrementalByDatetime } from '@patchbay/sdk';
import { z } from 'zod';
import { RegionalGuardDuty } from '../client/guardduty.ts';
import type { GuardDutyConfig } from '../config.ts';
import { mapFinding } from '../mappers/finding.ts';
import type { GuardDutyFinding } from '../mappers/types.ts';
import { detectorIds } from './detector-ids.ts';
import { findingPages } from './finding-pages.ts';

/**
 * One datetime cursor per Region (each Region has its own detector and its own findings): `regions`
 * maps a Region to the `updatedAt` cursor of its findings. Regions are read in the configured order; a
 * Region added later starts from `start_days_ago`, one removed keeps its cursor unused.
 */
export const findingsCheckpoint = z.object({ regions: z.record(z.string(), datetimeCursorStateSchema) });

const DAY_MS = 86_400_000;
/** Findings GuardDuty updates are re-read this far back, for updates it makes visible late. */
const OVERLAP_MS = 5 * 60_000;

/**
 * Incremental on the findings' `updatedAt`, oldest first, Region by Region: new findings and every
 * update (a new occurrence raises `count` and `updatedAt`; archiving and unarchiving change
 * `updatedAt` too) come again.
 */
export const findings = defineStream<GuardDutyFinding, typeof findingsCheckpoint, GuardDutyConfig>({
  name: 'findings',
  title: 'Findings',
  description: 'GuardDuty findings of every configured Region, new and updated, as OCSF detection findings.',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: (finding) => finding.arn ?? `${finding.region ?? ''}/${finding.id}`,
  checkpoint: findingsCheckpoint,
  fullRefresh: false,
  permissions: ['guardduty:ListDetectors', 'guardduty:ListFindings', 'guardduty:GetFindings'],
  schedule: { intervalMinutes: 15 },
  async *fetch(ctx, checkpoint) {
    const cursors = { ...(checkpoint?.regions ?? {}) };
    for (const region of ctx.config.regions) {
      const guardDuty = new RegionalGuardDuty(ctx, region, 'findings');
      const [detectorId] = await detectorIds(guardDuty);
      if (detectorId === undefined) {
        ctx.log.warn({ region }, 'GuardDuty is not enabled in this Region (no detector): no findings to read');
        continue;
      }
      const query = { detectorId, pageSize: ctx.config.page_size, includeArchived: ctx.config.include_archived };
      const pages = incrementalByDatetime<GuardDutyFinding>({
        clock: ctx.clock,
        state: cursors[region],
        startAt: (now) => new Date(now.getTime() - ctx.config.start_days_ago * DAY_MS),
        overlapMs: OVERLAP_MS,
        timestamp: (finding) => finding.updatedAt,
        id: (finding) => finding.id,
        order: 'ascending',
        query: (window) => findingPages(guardDuty, query, window),
      });
      for await (const page of pages) {
        cursors[region] = page.state;
        yield { records: page.records, checkpoint: { regions: { ...cursors } } };
      }
    }
  },
  map: mapFinding,
});
