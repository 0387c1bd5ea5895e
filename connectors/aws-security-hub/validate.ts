import { DescribeHubCommand, ListFindingAggregatorsCommand } from '@aws-sdk/client-securityhub';
import type { ConnectorContext, ValidateResult } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { SecurityHub } from './client/security-hub.ts';
import { syncedRegions, type SecurityHubConfig } from './config.ts';

interface DescribeHub {
  readonly HubArn?: string;
  readonly SubscribedAt?: string;
}

interface FindingAggregators {
  readonly FindingAggregators?: readonly { readonly FindingAggregatorArn?: string }[];
}

/**
 * Test connection, read-only and cheap: DescribeHub in the home Region
 * (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DescribeHub.html), whose hub ARN names
 * the account the credentials belong to (checked against `administrator_account_id`); with Regions
 * other than the home Region, ListFindingAggregators
 * (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_ListFindingAggregators.html) to check
 * that cross-Region aggregation exists.
 */
export async function validateAccess(ctx: ConnectorContext<SecurityHubConfig>): Promise<ValidateResult> {
  const hub = new SecurityHub(ctx, 'validate');
  const described = await hub.raw<DescribeHub>(new DescribeHubCommand({}));
  const hubArn = described.HubArn ?? '';
  const account = hubArn.split(':')[4] || null;
  const administrator = ctx.config.administrator_account_id;
  if (administrator !== undefined && account !== administrator) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'configuration.administrator_account_id',
      message: `The credentials belong to account ${account ?? 'unknown'}, not to the delegated administrator ${administrator}`,
      hint: "Use credentials (or a role) of the delegated Security Hub administrator account to see member accounts' findings.",
    });
  }
  const others = syncedRegions(ctx.config).filter((region) => region !== ctx.config.region);
  let aggregator: string | null = null;
  if (others.length > 0) {
    const list = await hub.raw<FindingAggregators>(new ListFindingAggregatorsCommand({}));
    aggregator = list.FindingAggregators?.[0]?.FindingAggregatorArn ?? null;
    if (aggregator === null) {
      throw new PatchbayError('CONFIG_INVALID', {
        field: 'configuration.regions',
        message: `Regions ${others.join(', ')} are read through the home Region ${ctx.config.region}, which has no cross-Region aggregation`,
        hint: 'Enable cross-Region aggregation with the home Region as aggregation Region and link these Regions, or set region to the one Region to sync.',
      });
    }
  }
  return { ok: true, details: { hub_arn: hubArn, account, home_region: ctx.config.region, regions: syncedRegions(ctx.config), finding_aggregator: aggregator } };
}
