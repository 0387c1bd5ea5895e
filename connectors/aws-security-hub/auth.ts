import type { AuthMethod } from '@patchbay/sdk';
import type { SecurityHubConfig } from './config.ts';

/**
 * SigV4 with access keys, optionally exchanged by the engine for a role session (STS AssumeRole with
 * the role ARN and external id). The engine signs every request through ctx.http for the home Region.
 */
export const securityHubAuth: readonly AuthMethod<SecurityHubConfig>[] = [
  {
    type: 'aws',
    label: 'AWS access keys or assumed role',
    description:
      'An IAM user access key, or access keys allowed to assume a role (role ARN and external id) in the account that holds Security Hub (the delegated administrator account for an organisation).',
    service: 'securityhub',
    region: { fromConfig: 'region' },
    fields: {
      access_key_id: { help: 'IAM console → Users → the integration user → Security credentials → Create access key' },
      secret_access_key: { help: 'Shown once when the access key is created' },
      session_token: { help: 'Only for temporary credentials; leave empty for an IAM user key' },
      role_arn: { help: 'Optional: IAM console → Roles → the role Patchbay assumes (trusting the access key\'s account) → ARN' },
      external_id: { help: 'Optional: the external id the role\'s trust policy requires (sts:ExternalId condition)' },
    },
  },
];
