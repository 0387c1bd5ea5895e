import type { GuardDutyFinding } from '../mappers/types.ts';

export const ACCOUNT_ID = '123456789012';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A GuardDuty finding id: 32 lowercase hex characters, like the API's. */
export function findingId(serial: number): string {
  return `f${hex(serial, 31)}`;
}

/** Three documented finding kinds, rotated: an EC2 instance under SSH brute force, an IAM access key's API call, an S3 bucket read. */
function resourceAndAction(n: number): Pick<GuardDutyFinding, 'type' | 'resource' | 'service'> & { title: string } {
  const ip = `198.51.100.${(n % 250) + 1}`;
  switch (n % 3) {
    case 0:
      return {
        type: 'UnauthorizedAccess:EC2/SSHBruteForce',
        title: `${ip} is performing SSH brute force attacks against i-${hex(n, 17)}.`,
        resource: {
          resourceType: 'Instance',
          instanceDetails: {
            instanceId: `i-${hex(n, 17)}`,
            instanceType: 't3.medium',
            availabilityZone: 'us-east-1a',
            networkInterfaces: [{ privateIpAddress: `10.0.${n % 250}.10`, privateDnsName: `ip-10-0-${n % 250}-10.ec2.internal`, subnetId: 'subnet-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0' }],
            tags: [{ key: 'Name', value: `web-${n}` }],
          },
        },
        service: {
          action: {
            actionType: 'NETWORK_CONNECTION',
            networkConnectionAction: { connectionDirection: 'INBOUND', protocol: 'TCP', blocked: false, remoteIpDetails: { ipAddressV4: ip, country: { countryCode: 'NL', countryName: 'Netherlands' } }, localPortDetails: { port: 22, portName: 'SSH' }, remotePortDetails: { port: 40000 + n, portName: 'Unknown' } },
          },
        },
      };
    case 1:
      return {
        type: 'Discovery:IAMUser/AnomalousBehavior',
        title: `Unusual Discovery API calls made by IAMUser user-${n}.`,
        resource: { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: `ASIA${hex(n, 16).toUpperCase()}`, principalId: `AIDA${hex(n, 16).toUpperCase()}`, userName: `user-${n}`, userType: 'IAMUser' } },
        service: { action: { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'ListBuckets', serviceName: 's3.amazonaws.com', callerType: 'Remote IP', remoteIpDetails: { ipAddressV4: ip } } } },
      };
    default:
      return {
        type: 'Exfiltration:S3/AnomalousBehavior',
        title: `Unusual reads from bucket bucket-${n}.`,
        resource: {
          resourceType: 'S3Bucket',
          accessKeyDetails: { accessKeyId: `ASIA${hex(n, 16).toUpperCase()}`, principalId: `AROA${hex(n, 16).toUpperCase()}`, userName: 'etl-role', userType: 'AssumedRole' },
          s3BucketDetails: [{ arn: `arn:aws:s3:::bucket-${n}`, name: `bucket-${n}`, type: 'Destination' }],
        },
        service: { action: { actionType: 'DNS_REQUEST', dnsRequestAction: { domain: `c2-${n}.example.net`, protocol: 'UDP', blocked: false } } },
      };
  }
}

const SEVERITIES = [2, 5, 8, 9.5, 3.9, 7];

/** A finding as GetFindings returns it (wire JSON), with `revision` occurrences so far. */
export function makeFinding(serial: number, region: string, detectorId: string, createdAt: string, updatedAt: string, revision: number, archived: boolean): GuardDutyFinding {
  const id = findingId(serial);
  const { title, type, resource, service } = resourceAndAction(serial);
  return {
    accountId: ACCOUNT_ID,
    arn: `arn:aws:guardduty:${region}:${ACCOUNT_ID}:detector/${detectorId}/finding/${id}`,
    createdAt,
    description: `${title} (simulated, revision ${revision})`,
    id,
    partition: 'aws',
    region,
    resource: resource!,
    schemaVersion: '2.0',
    service: { ...service, archived, count: revision, detectorId, eventFirstSeen: createdAt, eventLastSeen: updatedAt, resourceRole: 'TARGET', serviceName: 'guardduty' },
    severity: SEVERITIES[serial % SEVERITIES.length]!,
    title,
    type: type!,
    updatedAt,
  };
}
