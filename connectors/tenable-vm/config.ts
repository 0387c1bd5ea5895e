import { z } from 'zod';

/** Tenable Vulnerability Management's documented hosts: the commercial cloud and the FedRAMP cloud. */
export const TENABLE_HOSTS = ['cloud.tenable.com', 'fedcloud.tenable.com'] as const;

export const tenableConfig = z.object({
  base_url: z
    .url({ protocol: /^https?$/ })
    .default('https://cloud.tenable.com')
    .describe('API base URL: https://cloud.tenable.com, or https://fedcloud.tenable.com for Tenable FedRAMP'),
  vuln_chunk_size: z
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(500)
    .describe('num_assets of a vulnerability export: findings per chunk (Tenable takes 50 to 5000 and clamps values outside)'),
  asset_chunk_size: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .describe('chunk_size of an asset export: assets per chunk (Tenable takes 100 to 10000)'),
  include_fixed: z
    .boolean()
    .default(true)
    .describe('Also export FIXED vulnerabilities, so findings closed at Tenable are closed here (state filter OPEN, REOPENED, FIXED)'),
  initial_lookback_days: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .default(0)
    .describe('How far back the first vulnerability export reaches (0: everything Tenable holds)'),
  scans_page_size: z.number().int().min(1).max(10_000).default(200).describe('Scans committed per page (GET /scans returns them all at once)'),
});

export type TenableConfig = z.output<typeof tenableConfig>;
