import { ticketStatuses } from '@patchbay/sdk';
import { z } from 'zod';

const httpUrl = () => z.url({ protocol: /^https?$/ });
const priorityName = z.string().min(1).max(255);

/** Patchbay priority (1 most urgent .. 5) → Jira priority name: Jira's default priority scheme. */
export const DEFAULT_PRIORITIES = { '1': 'Highest', '2': 'High', '3': 'Medium', '4': 'Low', '5': 'Lowest' } as const;

/** The host of Atlassian's API gateway, which OAuth 2.0 (3LO) requests go through (`/ex/jira/{cloudId}`). */
export const OAUTH_GATEWAY_HOST = 'api.atlassian.com';

/**
 * Instance settings. `base_url` is where API requests go: the site itself with an API token, or the
 * OAuth gateway for the site's cloud id with OAuth 2.0 (3LO) (README "Authentication").
 */
export const jiraConfig = z.object({
  base_url: httpUrl().describe(
    'API base URL: your site (https://acme.atlassian.net) with an API token, or https://api.atlassian.com/ex/jira/<cloudId> with OAuth 2.0 (3LO)',
  ),
  site_url: httpUrl()
    .optional()
    .describe('The site people open (https://acme.atlassian.net), for issue links; required when base_url is the OAuth gateway (default: base_url)'),
  jql: z
    .string()
    .min(1)
    .max(4000)
    .refine((jql) => !/\border\s+by\b/i.test(jql), 'must not contain ORDER BY: the issues stream orders by updated itself')
    .default('project = SEC')
    .describe('JQL selecting the issues the issues stream syncs, like project = SEC AND labels = security (no ORDER BY)'),
  search_api: z
    .enum(['jql', 'legacy'])
    .default('jql')
    .describe('Search endpoint: jql (POST /rest/api/3/search/jql with nextPageToken, the current one) or legacy (POST /rest/api/3/search with startAt, removed from Jira Cloud in 2025)'),
  page_size: z.number().int().min(1).max(100).default(100).describe('Issues asked for per search page (Jira answers at most 100 with all fields)'),
  start_days_ago: z.number().int().min(1).max(3650).default(30).describe('How far back the first sync of issues reads, in days of updated time'),
  overlap_minutes: z.number().int().min(0).max(1440).default(5).describe('Re-read this many minutes before the cursor each run, for issues Jira indexes late (nothing is stored twice)'),
  project_key: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'must be a Jira project key, like SEC')
    .default('SEC')
    .describe('Project key new tickets are created in'),
  issue_type: z.string().min(1).max(255).default('Task').describe('Issue type of new tickets, by name (Task, Bug, or your own)'),
  priorities: z
    .object({ '1': priorityName, '2': priorityName, '3': priorityName, '4': priorityName, '5': priorityName })
    .default({ ...DEFAULT_PRIORITIES })
    .describe('Jira priority name for each Patchbay priority, 1 (most urgent) to 5'),
  statuses: z
    .record(z.string().min(1).max(255), z.enum(ticketStatuses))
    .optional()
    .describe('Jira status name → Patchbay status (open, in_progress, on_hold, resolved, closed), added to the connector\'s table for this site\'s workflow'),
  dedup_label_prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'must be a label prefix without spaces, like patchbay-')
    .default('patchbay-')
    .describe('Prefix of the label that carries a ticket\'s dedup key (create finds an existing ticket by it)'),
});

export type JiraConfig = z.output<typeof jiraConfig>;

/** The site URL for links a person opens: `site_url`, else the base URL (an API-token instance talks to the site). */
export function siteUrlOf(config: Pick<JiraConfig, 'base_url' | 'site_url'>): string | undefined {
  if (config.site_url !== undefined) return config.site_url.replace(/\/+$/, '');
  return new URL(config.base_url).host === OAUTH_GATEWAY_HOST ? undefined : config.base_url.replace(/\/+$/, '');
}

/** `https://acme.atlassian.net/browse/SEC-1`, or undefined when the site is unknown (OAuth gateway without site_url). */
export function browseUrl(config: Pick<JiraConfig, 'base_url' | 'site_url'>, key: string): string | undefined {
  const site = siteUrlOf(config);
  return site === undefined ? undefined : `${site}/browse/${encodeURIComponent(key)}`;
}
