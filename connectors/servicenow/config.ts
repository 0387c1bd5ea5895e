import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const tableName = z.string().regex(/^[a-z][a-z0-9_]{0,79}$/, 'a table name such as cmdb_ci or u_my_table (lowercase letters, digits, underscores)');

/**
 * An extra encoded-query filter ANDed to a stream's own conditions. `^NQ` (a new OR-ed query) would escape
 * the time window and ORDERBY would break the paging order, so both are refused.
 */
const filter = z
  .string()
  .min(1)
  .max(2000)
  .refine((q) => !/\^NQ|ORDERBY|\^EQ/i.test(q), 'must not contain ^NQ, ^EQ or ORDERBY: the connector adds its own ordering and time window')
  .optional();

const level = z.number().int().min(1).max(3);
const impactUrgency = z.object({ impact: level, urgency: level });

/**
 * Patchbay priority (1 most urgent .. 5) → the impact and urgency sent on a new incident. ServiceNow
 * computes the priority from them through its Priority Data Lookup (dl_u_priority); these defaults give
 * priorities 1 to 5 under the out-of-the-box lookup (1/1 → 1 Critical, 1/2 → 2 High, 2/2 → 3 Moderate,
 * 2/3 → 4 Low, 3/3 → 5 Planning).
 */
export const defaultPriorityTable = {
  '1': { impact: 1, urgency: 1 },
  '2': { impact: 1, urgency: 2 },
  '3': { impact: 2, urgency: 2 },
  '4': { impact: 2, urgency: 3 },
  '5': { impact: 3, urgency: 3 },
} as const;

/** Instance settings: the instance URL, tables and filters of the streams, and how tickets are written. */
export const servicenowConfig = z.object({
  base_url: url.describe('Your instance URL, like https://acme.service-now.com (or your custom domain)'),
  token_url: url.optional().describe('OAuth 2.0 token endpoint for the OAuth method (default: <base_url>/oauth_token.do)'),
  page_size: z.number().int().min(1).max(10000).default(1000).describe('Records asked for per page (sysparm_limit; ServiceNow answers at most 10000)'),
  ci_table: tableName.default('cmdb_ci').describe('CMDB table of the configuration-items stream: cmdb_ci (every CI) or a class such as cmdb_ci_server'),
  ci_query: filter.describe('Encoded query narrowing the configuration items, like operational_status=1'),
  service_table: tableName.default('cmdb_ci_service').describe('Table of the business-services stream'),
  service_query: filter.describe('Encoded query narrowing the business services'),
  incident_query: filter.describe('Encoded query narrowing the incidents stream, like assignment_group=<sys_id> or correlation_display=Patchbay'),
  incident_start_days: z.number().int().min(1).max(3650).default(30).describe('How far back (by last update) the first incidents run reads'),
  priority_table: z
    .object({ '1': impactUrgency, '2': impactUrgency, '3': impactUrgency, '4': impactUrgency, '5': impactUrgency })
    .default(defaultPriorityTable)
    .describe('Patchbay priority 1..5 → impact and urgency of a new incident (ServiceNow derives its priority from them)'),
  comment_field: z
    .enum(['work_notes', 'comments'])
    .default('work_notes')
    .describe('Journal field that ticket comments go to: work_notes (internal) or comments (visible to the caller)'),
  close_code: z.string().min(1).max(40).default('Solution provided').describe('Resolution code (close_code) set when Patchbay resolves or closes an incident'),
  close_notes: z
    .string()
    .min(1)
    .max(4000)
    .default('Resolved by Patchbay: the linked findings are resolved.')
    .describe('Resolution notes (close_notes) set when Patchbay resolves or closes an incident without a comment of its own'),
  input_display_value: z
    .boolean()
    .default(false)
    .describe('Send mapped ticket fields as display values (sysparm_input_display_value=true), so a field mapping may give a group name instead of its sys_id'),
});

export type ServiceNowConfig = z.output<typeof servicenowConfig>;

/** The instance's OAuth token endpoint. */
export function tokenUrlOf(config: Pick<ServiceNowConfig, 'base_url' | 'token_url'>): string {
  return config.token_url ?? new URL('/oauth_token.do', config.base_url).toString();
}
