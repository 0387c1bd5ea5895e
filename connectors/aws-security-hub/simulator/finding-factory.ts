import type { AsffFinding } from '../mappers/asff.ts';

export type FindingKind = 'control' | 'detection' | 'vulnerability';

export const ACCOUNT = '111122223333';
const SEVERITIES = [
  ['INFORMATIONAL', 0],
  ['LOW', 30],
  ['MEDIUM', 50],
  ['HIGH', 70],
  ['CRITICAL', 90],
] as const;

interface Stamp {
  readonly n: number;
  readonly region: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly revision: number;
}

function common(kind: FindingKind, stamp: Stamp, productArn: string, id: string): AsffFinding {
  const [label, normalized] = SEVERITIES[stamp.n % SEVERITIES.length]!;
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: productArn,
    AwsAccountId: ACCOUNT,
    Region: stamp.region,
    CreatedAt: stamp.createdAt,
    UpdatedAt: stamp.updatedAt,
    FirstObservedAt: stamp.createdAt,
    LastObservedAt: stamp.updatedAt,
    Severity: { Label: label, Normalized: normalized, Original: label },
    Title: `Simulated ${kind} finding ${stamp.n}, revision ${stamp.revision}`,
    Description: `A ${kind} finding served by the Security Hub simulator.`,
    Workflow: { Status: 'NEW' },
    WorkflowState: 'NEW',
    RecordState: 'ACTIVE',
    ProcessedAt: stamp.updatedAt,
  };
}

/** A consolidated control finding (ControlFindingGenerator SECURITY_CONTROL), as Security Hub CSPM generates them. */
function control(stamp: Stamp): AsffFinding {
  const controlId = `S3.${(stamp.n % 9) + 1}`;
  const arn = `arn:aws:securityhub:${stamp.region}::product/aws/securityhub`;
  const id = `arn:aws:securityhub:${stamp.region}:${ACCOUNT}:security-control/${controlId}/finding/sim-${String(stamp.n).padStart(6, '0')}`;
  return {
    ...common('control', stamp, arn, id),
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    GeneratorId: `security-control/${controlId}`,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    Compliance: {
      Status: stamp.n % 2 === 0 ? 'FAILED' : 'PASSED',
      SecurityControlId: controlId,
      RelatedRequirements: ['NIST.800-53.r5 AC-3'],
      AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }, { StandardsId: 'standards/cis-aws-foundations-benchmark/v/1.4.0' }],
    },
    ProductFields: { RelatedAWSResources: '0/name', 'aws/securityhub/ProductName': 'Security Hub', 'aws/securityhub/CompanyName': 'AWS' },
    Remediation: { Recommendation: { Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.', Url: `https://docs.aws.amazon.com/console/securityhub/${controlId}/remediation` } },
    Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::sim-bucket-${stamp.n}`, Partition: 'aws', Region: stamp.region }],
  };
}

function detection(stamp: Stamp): AsffFinding {
  const arn = `arn:aws:securityhub:${stamp.region}::product/aws/guardduty`;
  const id = `arn:aws:guardduty:${stamp.region}:${ACCOUNT}:detector/sim/finding/sim-${String(stamp.n).padStart(6, '0')}`;
  return {
    ...common('detection', stamp, arn, id),
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    GeneratorId: `arn:aws:guardduty:${stamp.region}:${ACCOUNT}:detector/sim`,
    Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS'],
    Resources: [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:${stamp.region}:${ACCOUNT}:instance/i-0sim${String(stamp.n).padStart(8, '0')}`,
        Partition: 'aws',
        Region: stamp.region,
        Details: { AwsEc2Instance: { ImageId: 'ami-0sim', IpV4Addresses: ['10.0.0.12'], PrivateDnsName: 'ip-10-0-0-12.ec2.internal', VpcId: 'vpc-0sim', SubnetId: 'subnet-0sim' } },
      },
    ],
    Action: {
      ActionType: 'NETWORK_CONNECTION',
      NetworkConnectionAction: { ConnectionDirection: 'OUTBOUND', Protocol: 'TCP', RemoteIpDetails: { IpAddressV4: '198.51.100.7', Country: { CountryCode: 'NL' } }, RemotePortDetails: { Port: 443 } },
    },
    ProductFields: { 'aws/guardduty/service/archived': 'false', 'aws/securityhub/ProductName': 'GuardDuty' },
  };
}

function vulnerability(stamp: Stamp): AsffFinding {
  const arn = `arn:aws:securityhub:${stamp.region}::product/aws/inspector`;
  const id = `arn:aws:inspector2:${stamp.region}:${ACCOUNT}:finding/sim${String(stamp.n).padStart(6, '0')}`;
  return {
    ...common('vulnerability', stamp, arn, id),
    ProductName: 'Inspector',
    CompanyName: 'Amazon',
    GeneratorId: 'AWSInspector',
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    Vulnerabilities: [
      {
        Id: `CVE-2024-${1000 + stamp.n}`,
        VulnerablePackages: [{ Name: 'openssl', Version: '3.0.7', Release: '1.amzn2023', Architecture: 'X86_64', PackageManager: 'OS', FixedInVersion: '3.0.8' }],
        Cvss: [{ Version: '3.1', BaseScore: 7.5, BaseVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', Source: 'NVD' }],
        Vendor: { Name: 'NVD', Url: `https://nvd.nist.gov/vuln/detail/CVE-2024-${1000 + stamp.n}`, VendorSeverity: 'HIGH' },
        ReferenceUrls: ['https://www.openssl.org/news/secadv/'],
        FixAvailable: 'YES',
        ExploitAvailable: 'NO',
      },
    ],
    Remediation: { Recommendation: { Text: 'Update openssl to 3.0.8 or later.' } },
    Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:${stamp.region}:${ACCOUNT}:instance/i-0vul${String(stamp.n).padStart(8, '0')}`, Partition: 'aws', Region: stamp.region }],
  };
}

const FACTORIES: Readonly<Record<FindingKind, (stamp: Stamp) => AsffFinding>> = { control, detection, vulnerability };

/** A realistic ASFF finding of the kind, numbered `n`, stamped with its Region and times. */
export function makeFinding(kind: FindingKind, stamp: Stamp): AsffFinding {
  return FACTORIES[kind](stamp);
}
