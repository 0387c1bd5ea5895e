import { defineStream, exportJobStateSchema, runExportJob, type ConnectorContext, type ExportJobState } from '@patchbay/sdk';
import { z } from 'zod';
import type { TenableConfig } from '../config.ts';
import { findingKey } from '../mappers/finding-key.ts';
import { mapVulnerability } from '../mappers/vulnerability.ts';
import type { TenableVulnerability } from '../types.ts';
import { downloadChunk, pollExport, startExport } from './tenable-export.ts';

/**
 * `since`: the lower bound (Unix seconds, inclusive) of the next export, the start of the last completed
 * one; null reads everything. `export`: the export in progress and its downloaded chunks.
 */
export const vulnerabilitiesCheckpoint = z.object({
  since: z.number().int().nonnegative().nullable(),
  export: exportJobStateSchema.nullable(),
});
type Checkpoint = z.output<typeof vulnerabilitiesCheckpoint>;

const DAY_SECONDS = 86_400;

/**
 * POST /vulns/export body (https://developer.tenable.com/reference/exports-vulns-request-export,
 * https://developer.tenable.com/docs/refine-vulnerability-export-requests): `since` returns OPEN and
 * REOPENED findings seen, and FIXED findings fixed, on or after it.
 */
export function vulnExportBody(config: TenableConfig, since: number | null): Record<string, unknown> {
  const state = config.include_fixed ? ['OPEN', 'REOPENED', 'FIXED'] : ['OPEN', 'REOPENED'];
  return { num_assets: config.vuln_chunk_size, filters: { state, ...(since === null ? {} : { since }) } };
}

function firstSince(ctx: ConnectorContext<TenableConfig>): number | null {
  const days = ctx.config.initial_lookback_days;
  return days === 0 ? null : Math.floor(ctx.clock.now().getTime() / 1000) - days * DAY_SECONDS;
}

const startSeconds = (state: ExportJobState) => Math.floor(Date.parse(state.startedAt) / 1000);

/**
 * Incremental through the vulnerability export API: each run starts an export of what changed since
 * the previous export started, polls it, and downloads its chunks one by one. The checkpoint after
 * each chunk names the export and the chunks done, so a restart polls the same export and skips them.
 */
export const vulnerabilities = defineStream<TenableVulnerability, typeof vulnerabilitiesCheckpoint, TenableConfig>({
  name: 'vulnerabilities',
  title: 'Vulnerabilities',
  description: 'Findings (a plugin on an asset, port and protocol) from the vulnerability export API: new, reopened and fixed since the last run.',
  ocsf: { class: 'vulnerability_finding', classUid: 2002 },
  primaryKey: findingKey,
  checkpoint: vulnerabilitiesCheckpoint,
  fullRefresh: false,
  permissions: ['Administrator [64] user role (or a custom role with the vulnerability export privilege)'],
  schedule: { intervalMinutes: 60 },
  async *fetch(ctx, checkpoint) {
    const since = checkpoint ? checkpoint.since : firstSince(ctx);
    let current: ExportJobState | undefined = checkpoint?.export ?? undefined;
    const pages = runExportJob<TenableVulnerability>({
      clock: ctx.clock,
      signal: ctx.signal,
      state: checkpoint?.export ?? undefined,
      start: () => startExport(ctx, 'vulns', vulnExportBody(ctx.config, since)),
      poll: (id) => pollExport(ctx, 'vulns', id),
      download: (id, chunk) => downloadChunk<TenableVulnerability>(ctx, 'vulns', id, chunk),
    });
    for await (const page of pages) {
      if (page.state !== null) current = page.state;
      const next: Checkpoint = page.state !== null ? { since, export: page.state } : { since: current ? startSeconds(current) : since, export: null };
      yield { records: page.records, checkpoint: next };
    }
  },
  map: mapVulnerability,
});
