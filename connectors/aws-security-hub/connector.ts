import { defineConnector } from '@patchbay/sdk';
import { updateFindingWorkflow } from './actions/update-finding-workflow.ts';
import { securityHubAuth } from './auth.ts';
import { securityHubConfig } from './config.ts';
import { securityHubHost, securityHubRegions } from './regions.ts';
import { findings } from './streams/findings.ts';
import { validateAccess } from './validate.ts';

export { securityHubConfig as config } from './config.ts';

/**
 * AWS Security Hub (CSPM): ASFF findings from every configured Region (control checks with their
 * standard and control ids, vulnerabilities, detections), and workflow updates back, through the AWS
 * SDK v3 SecurityHubClient whose requests go through ctx.http (client/); see README.md.
 */
export default defineConnector({
  id: 'aws-security-hub',
  name: 'AWS Security Hub',
  vendor: 'Amazon Web Services',
  category: 'cloud-security',
  version: '1.0.0',
  description:
    'Syncs AWS Security Hub findings (ASFF) from one or more Regions, incrementally on UpdatedAt, as OCSF Compliance, Vulnerability or Detection Findings, and updates their workflow status and note.',
  features: [
    'Incremental GetFindings on UpdatedAt, one cursor per Region',
    'Several Regions through cross-Region aggregation in the home Region',
    'Control findings keep their security control and standards ids',
    'Access keys or an assumed role with an external id',
    'Workflow status and note updates with the previous status reported',
  ],
  icon: '🛡️',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/1.0/APIReference/Welcome.html',
  auth: securityHubAuth,
  config: securityHubConfig,
  capabilities: ['ingest', 'actions', 'bidirectional'],
  streams: [findings],
  actions: [updateFindingWorkflow],
  allowedHosts: [...securityHubRegions.map(securityHubHost), { fromConfig: 'base_url' }],
  // GetFindings: 3 requests per second, bursts of 6 (the tightest of the operations used).
  rateLimits: { perSecond: 3, burst: 6 },
  minPlatformVersion: '0.1.0',
  validate: validateAccess,
});
