import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, type DatetimeCursorState } from '@patchbay/sdk';
import { z } from 'zod';
import { SecurityHub } from '../client/security-hub.ts';
import { syncedRegions, type SecurityHubConfig } from '../config.ts';
import { mapFinding, type AsffFinding } from '../mappers/finding.ts';
import { epochMs } from '../mappers/time.ts';
import { findingPages } from './finding-pages.ts';

/**
 * One datetime cursor per Region, keyed by Region name. A Region added to the config later starts from
 * `start_days_back`; a Region removed keeps its cursor (harmless) until it is added back.
 */
export const findingsCheckpoint = z.object({ regions: z.record(z.string(), datetimeCursorStateSchema) });

/**
 * GetFindings (the AWS SDK's GetFindingsCommand, sent through ctx.http) incremental on UpdatedAt, one
 * Region after another (in config order), each with its own cursor in the checkpoint: a run resumes
 * in the Region it stopped in, and Regions already read are not read again before the next run.
 * Archived findings come too (they are changes: status Archived).
 */
export const findings = defineStream<AsffFinding, typeof findingsCheckpoint, SecurityHubConfig>({
  name: 'findings',
  title: 'Findings (ASFF)',
  description:
    'Security Hub findings updated since the last run, in every configured Region: control checks as Compliance Findings, findings with Vulnerabilities as Vulnerability Findings, the rest as Detection Findings.',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: (finding) => finding.Id,
  checkpoint: findingsCheckpoint,
  fullRefresh: false,
  permissions: ['securityhub:GetFindings'],
  schedule: { intervalMinutes: 15 },
  async *fetch(ctx, checkpoint) {
    const config = ctx.config;
    const cursors: Record<string, DatetimeCursorState> = { ...(checkpoint?.regions ?? {}) };
    const hub = new SecurityHub(ctx, 'findings');
    for (const region of syncedRegions(config)) {
      const pages = incrementalByDatetime<AsffFinding>({
        clock: ctx.clock,
        state: cursors[region],
        startAt: (now) => new Date(now.getTime() - config.start_days_back * 86_400_000),
        overlapMs: config.overlap_minutes * 60_000,
        timestamp: (finding) => epochMs(finding.UpdatedAt) ?? finding.UpdatedAt,
        id: (finding) => finding.Id,
        order: 'ascending',
        query: (window) => findingPages(hub, config, region, window),
      });
      for await (const page of pages) {
        cursors[region] = page.state;
        yield { records: page.records, checkpoint: { regions: { ...cursors } } };
      }
    }
  },
  map: mapFinding,
});
