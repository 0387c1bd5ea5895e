import type { AuthMethod } from '@patchbay/sdk';
import type { GuardDutyConfig } from './config.ts';

/**
 * AWS Signature Version 4 for the `guardduty` signing name, with access keys of an IAM user, or with a
 * role the engine assumes through STS AssumeRole (role ARN and, for a role in another account, the
 * external id its trust policy requires). The signature's Region is `home_region`.
 */
export const guardDutyAuth: readonly AuthMethod<GuardDutyConfig>[] = [
  {
    type: 'aws',
    label: 'AWS access keys or an assumed role',
    description:
      'Access keys of an IAM user (IAM console → Users → Security credentials → Create access key), or keys allowed to call sts:AssumeRole plus the ARN of a role holding the GuardDuty permissions (README lists them).',
    service: 'guardduty',
    region: { fromConfig: 'home_region' },
    fields: {
      access_key_id: { help: 'IAM console → Users → the user → Security credentials → Access keys' },
      secret_access_key: { help: 'Shown once when the access key is created' },
      session_token: { help: 'Only for temporary credentials (from STS)' },
      role_arn: { help: 'Optional: the role to assume, such as arn:aws:iam::123456789012:role/patchbay-guardduty (in an organisation, a role in the GuardDuty delegated administrator account)' },
      external_id: { help: "Optional: the external id the role's trust policy requires (sts:ExternalId)" },
    },
  },
];
