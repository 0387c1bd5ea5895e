import { z } from 'zod';

/**
 * The AWS Regions with a public GuardDuty endpoint `guardduty.<region>.amazonaws.com` in the commercial
 * partition (https://docs.aws.amazon.com/general/latest/gr/guardduty.html). GovCloud and China are
 * other partitions with other credentials, and are not offered.
 */
export const GUARDDUTY_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
] as const;

export const regionSchema = z.enum(GUARDDUTY_REGIONS);
export type GuardDutyRegion = z.output<typeof regionSchema>;

export const guardDutyConfig = z.object({
  regions: z
    .array(regionSchema)
    .min(1)
    .max(GUARDDUTY_REGIONS.length)
    .refine((list) => new Set(list).size === list.length, 'list each region once')
    .default(['us-east-1'])
    .describe('The Regions to sync: GuardDuty has one detector per account per Region, and each is read in turn'),
  home_region: regionSchema
    .default('us-east-1')
    .describe('The Region whose endpoint the engine signs requests for (SigV4 credential scope) and whose STS answers AssumeRole'),
  administrator_account_id: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional()
    .describe('For AWS Organizations: the GuardDuty delegated administrator account these credentials belong to. Test connection checks that the detectors administer their members from this account'),
  base_url: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('Send every GuardDuty request here instead of https://guardduty.<region>.amazonaws.com (a proxy or a test double); the Region still travels in the signature'),
  page_size: z.number().int().min(1).max(50).default(50).describe('Finding ids asked for per ListFindings page, and so per GetFindings batch (GuardDuty allows at most 50)'),
  start_days_ago: z.number().int().min(1).max(90).default(90).describe('How far back the first findings run reads (GuardDuty keeps findings for 90 days)'),
  include_archived: z.boolean().default(true).describe('Also sync archived findings, so an archive or unarchive shows as a change (false: only current findings)'),
});

export type GuardDutyConfig = z.output<typeof guardDutyConfig>;
