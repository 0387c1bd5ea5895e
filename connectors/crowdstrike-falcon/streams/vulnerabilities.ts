import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, paginateCursor, type ConnectorContext, type TimeWindow } from '@patchbay/sdk';
import { z } from 'zod';
import { apiUrl, type CrowdStrikeConfig } from '../config.ts';
import { mapVulnerability, type VulnerabilityRecord } from '../mappers/vulnerability.ts';
import { epochOf } from '../mappers/vendor-time.ts';
import { expiringTokenContext } from './expired-token.ts';
import { andFql, updatedWithin } from './fql.ts';

export const vulnerabilitiesCheckpoint = z.object({ cursor: datetimeCursorStateSchema });

const DAY_MS = 86_400_000;
/** combinedQueryVulnerabilities: limit 1 to 5000. */
const MAX_LIMIT = 5000;

/**
 * Spotlight vulnerabilities updated in the window, oldest first, with the cve, host_info and remediation
 * facets: GET /spotlight/combined/vulnerabilities/v1, paged by the `after` token in
 * `meta.pagination.after` (absent on the last page; an empty page with a token goes on).
 */
async function* vulnerabilityPages(ctx: ConnectorContext<CrowdStrikeConfig>, window: TimeWindow): AsyncGenerator<readonly VulnerabilityRecord[]> {
  const pages = paginateCursor<VulnerabilityRecord>(expiringTokenContext(ctx, 'after'), {
    request: {
      url: apiUrl(ctx.config, '/spotlight/combined/vulnerabilities/v1'),
      query: {
        filter: andFql(updatedWithin('updated_timestamp', window), ctx.config.vulnerability_filter),
        sort: 'updated_timestamp|asc',
        limit: Math.min(ctx.config.page_size, MAX_LIMIT),
        facet: ['cve', 'host_info', 'remediation'],
      },
      operation: 'query-vulnerabilities',
    },
    items: 'resources',
    nextToken: { body: 'meta.pagination.after' },
    sendToken: { query: 'after' },
    stopOnEmptyPage: false,
  });
  for await (const page of pages) yield page.items;
}

/**
 * Spotlight vulnerabilities (one per CVE and host), incremental on `updated_timestamp` with an overlap,
 * so status changes (closed, reopened) come again and map to their OCSF activity.
 */
export const vulnerabilities = defineStream<VulnerabilityRecord, typeof vulnerabilitiesCheckpoint, CrowdStrikeConfig>({
  name: 'vulnerabilities',
  title: 'Vulnerabilities (Spotlight)',
  description: 'Falcon Spotlight vulnerabilities found on hosts, created or changed since the last run, with CVE, host and remediation details.',
  ocsf: { class: 'vulnerability_finding', classUid: 2002 },
  primaryKey: 'id',
  checkpoint: vulnerabilitiesCheckpoint,
  fullRefresh: false,
  permissions: ['spotlight-vulnerabilities:read'],
  schedule: { intervalMinutes: 60 },
  async *fetch(ctx, checkpoint) {
    const pages = incrementalByDatetime<VulnerabilityRecord>({
      clock: ctx.clock,
      state: checkpoint?.cursor,
      startAt: (now) => new Date(now.getTime() - ctx.config.start_days_ago * DAY_MS),
      overlapMs: ctx.config.overlap_minutes * 60_000,
      timestamp: (vuln) => epochOf(vuln.updated_timestamp, 'updated_timestamp'),
      id: (vuln) => vuln.id,
      order: 'ascending',
      query: (window) => vulnerabilityPages(ctx, window),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: mapVulnerability,
});
