import { defineConnector } from '@patchbay/sdk';
import { archiveFindings } from './actions/archive-findings.ts';
import { unarchiveFindings } from './actions/unarchive-findings.ts';
import { guardDutyAuth } from './auth.ts';
import { GUARDDUTY_REGIONS, guardDutyConfig } from './config.ts';
import { detectors } from './streams/detectors.ts';
import { findings } from './streams/findings.ts';
import { validateAccess } from './validate.ts';

/**
 * Amazon GuardDuty: detectors and findings of every configured Region, archive and unarchive.
 * AWS SDK v3 (@aws-sdk/client-guardduty) over `ctx.http`; see README.md.
 */
export default defineConnector({
  id: 'aws-guardduty',
  name: 'AWS GuardDuty',
  vendor: 'AWS',
  category: 'cloud-security',
  version: '1.0.0',
  description: 'Syncs Amazon GuardDuty findings and detectors from every configured AWS Region as OCSF detection findings and cloud resource inventory, and archives or unarchives findings.',
  features: [
    'Findings of every configured Region, incremental on updatedAt',
    'Instance, access key and S3 bucket resources, network, API-call and DNS evidence mapped to OCSF',
    'Severity on GuardDuty\'s documented 1.0-10.0 scale',
    'Detectors per Region as cloud inventory, with deletion detection',
    'Archive and unarchive findings',
    'Access keys or an assumed role with external id; delegated administrator accounts',
  ],
  icon: '🛡️',
  docsUrl: 'https://docs.aws.amazon.com/guardduty/latest/APIReference/Welcome.html',
  auth: guardDutyAuth,
  config: guardDutyConfig,
  capabilities: ['ingest', 'actions'],
  streams: [detectors, findings],
  actions: [archiveFindings, unarchiveFindings],
  allowedHosts: [...GUARDDUTY_REGIONS.map((region) => `guardduty.${region}.amazonaws.com`), { fromConfig: 'base_url' }],
  // GuardDuty publishes no request rate for its API; a modest budget keeps a sync well clear of throttling.
  rateLimits: { perSecond: 10, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: validateAccess,
});
