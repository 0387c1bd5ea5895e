import { z } from 'zod';
import { securityHubHost } from './regions.ts';

/** AWS Region names (`us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`). */
const regionName = z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, 'must be an AWS Region name like us-east-1');
const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

export const securityHubConfig = z.object({
  region: regionName
    .default('us-east-1')
    .describe('Home Region: where requests are sent and signed (with cross-Region aggregation, the aggregation Region)'),
  regions: z
    .array(regionName)
    .max(40)
    .default([])
    .describe('Regions whose findings are synced (empty: the home Region only). Others than the home Region are read through its cross-Region aggregation'),
  base_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Endpoint override (a VPC endpoint or a test server); default https://securityhub.<region>.amazonaws.com'),
  administrator_account_id: accountId
    .optional()
    .describe('For organisations: the delegated Security Hub administrator account the credentials must belong to (checked by the connection test)'),
  account_ids: z.array(accountId).max(20).default([]).describe('Only sync findings of these member accounts (empty: every account the caller can see)'),
  page_size: z.number().int().min(1).max(100).default(100).describe('Findings per GetFindings page (MaxResults, at most 100)'),
  start_days_back: z.number().int().min(1).max(90).default(90).describe('How far back the first run reads (Security Hub keeps findings 90 days after their last update)'),
  overlap_minutes: z.number().int().min(0).max(1440).default(5).describe('Re-read this far before the cursor on every run, for findings Security Hub makes visible late'),
});

export type SecurityHubConfig = z.output<typeof securityHubConfig>;

/** The Regions one instance syncs, in a stable order: the configured list, or the home Region alone. */
export function syncedRegions(config: SecurityHubConfig): readonly string[] {
  return config.regions.length > 0 ? [...new Set(config.regions)] : [config.region];
}

/** Relative paths resolve against base_url (or the engine's connection URL); without one, the Region's endpoint. */
export function endpoint(config: SecurityHubConfig, path: string): string {
  return config.base_url === undefined ? `https://${securityHubHost(config.region)}${path}` : path;
}
