import type { GuardDutyFinding, Json } from './types.ts';
import { text } from './unmapped.ts';

const GUIDE = 'https://docs.aws.amazon.com/guardduty/latest/ug';

/**
 * GuardDuty findings carry no remediation text; AWS documents the steps per affected resource kind
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html) and per finding type.
 */
const BY_RESOURCE: Readonly<Record<string, { readonly desc: string; readonly page: string }>> = {
  Instance: { desc: 'Remediate a potentially compromised Amazon EC2 instance', page: 'compromised-ec2.html' },
  AccessKey: { desc: 'Remediate potentially compromised AWS credentials', page: 'compromised-creds.html' },
  S3Bucket: { desc: 'Remediate a potentially compromised S3 bucket', page: 'compromised-s3.html' },
  EKSCluster: { desc: 'Remediate a potentially compromised EKS cluster', page: 'guardduty-remediate-kubernetes.html' },
  Container: { desc: 'Remediate a potentially compromised container', page: 'remediate-compromised-standalone-container.html' },
  ECSCluster: { desc: 'Remediate a potentially compromised ECS cluster', page: 'compromised-ecs.html' },
  Lambda: { desc: 'Remediate a potentially compromised Lambda function', page: 'remediate-lambda-protection-finding-type.html' },
  RDSDBInstance: { desc: 'Remediate a potentially compromised database', page: 'guardduty-remediate-compromised-database-rds.html' },
};

export function remediationFor(finding: GuardDutyFinding): Record<string, unknown> | undefined {
  const type = text(((finding.resource ?? {}) as Json).resourceType);
  const known = type === undefined ? undefined : BY_RESOURCE[type];
  const references = [`${GUIDE}/guardduty_remediate.html`, `${GUIDE}/guardduty_finding-types-active.html`];
  if (known) return { desc: known.desc, references: [`${GUIDE}/${known.page}`, ...references] };
  return type === undefined ? undefined : { desc: `Remediate the ${type} GuardDuty reports; see the finding type's page`, references };
}
