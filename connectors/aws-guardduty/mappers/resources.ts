import type { GuardDutyFinding, Json } from './types.ts';
import { text } from './unmapped.ts';
import { zonedTime } from './time.ts';

/** What a finding's `resource` becomes: OCSF resources, the instance as `device`, and the paths used. */
export interface MappedResource {
  readonly resources: Record<string, unknown>[];
  readonly device?: Record<string, unknown>;
  /** The access key's principal, for evidences' `actor.user`. */
  readonly user?: Record<string, unknown>;
  readonly used: string[];
}

type Tag = { readonly key?: string; readonly value?: string };

function labels(tags: unknown): string[] | undefined {
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return (tags as Tag[]).map((t) => `${t.key ?? ''}=${t.value ?? ''}`);
}

/** GuardDuty's resource types as CloudFormation names (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Resource.html). */
function instance(finding: GuardDutyFinding, details: Json): { resource: Record<string, unknown>; device: Record<string, unknown> } {
  const nic = (Array.isArray(details.networkInterfaces) ? details.networkInterfaces[0] : undefined) as Json | undefined;
  const uid = text(details.instanceId);
  const launched = zonedTime(details.launchTime);
  const device = {
    type_id: 6, // Virtual
    ...(uid ? { uid, instance_uid: uid } : {}),
    ...(text(nic?.privateDnsName) ? { hostname: nic!.privateDnsName } : {}),
    ...(text(nic?.privateIpAddress) ? { ip: nic!.privateIpAddress } : {}),
    ...(text(nic?.subnetId) ? { subnet_uid: nic!.subnetId } : {}),
    ...(text(nic?.vpcId) ? { vpc_uid: nic!.vpcId } : {}),
    ...(text(details.availabilityZone) ? { zone: details.availabilityZone } : {}),
    ...(text(finding.region) ? { region: finding.region } : {}),
    ...(text(details.imageId) ? { image: { uid: details.imageId, name: text(details.imageDescription) ?? String(details.imageId) } } : {}),
    ...(launched !== undefined ? { boot_time: launched } : {}),
  };
  const resource = { type: 'AWS::EC2::Instance', ...(uid ? { uid, name: uid } : {}), ...(labels(details.tags) ? { labels: labels(details.tags) } : {}), data: details };
  return { resource, device };
}

function accessKey(details: Json): { resource: Record<string, unknown>; user: Record<string, unknown> } {
  const user = {
    ...(text(details.userName) ? { name: details.userName } : {}),
    ...(text(details.principalId) ? { uid: details.principalId } : {}),
    ...(text(details.accessKeyId) ? { credential_uid: details.accessKeyId } : {}),
    ...(text(details.userType) ? { type: details.userType } : {}),
  };
  return { resource: { type: 'AWS::IAM::AccessKey', ...(text(details.accessKeyId) ? { uid: details.accessKeyId, name: details.accessKeyId } : {}), owner: user, data: details }, user };
}

function bucket(details: Json): Record<string, unknown> {
  const created = zonedTime(details.createdAt);
  return {
    type: 'AWS::S3::Bucket',
    ...(text(details.arn) ? { uid: details.arn } : {}),
    ...(text(details.name) ? { name: details.name } : {}),
    ...(created !== undefined ? { created_time: created } : {}),
    ...(labels(details.tags) ? { labels: labels(details.tags) } : {}),
    data: details,
  };
}

/**
 * The finding's affected resource into OCSF: an EC2 instance (also as `device`), an IAM access key
 * (its principal as a user), S3 buckets; each keeps GuardDuty's details whole in `resources[].data`.
 * Other resource types (EKS clusters, ECS, Lambda, RDS...) become one resource of their GuardDuty type
 * with their details in `data`.
 */
export function mapResource(finding: GuardDutyFinding): MappedResource {
  const resource = (finding.resource ?? {}) as Json;
  const type = text(resource.resourceType);
  const region = text(finding.region);
  const common = { ...(region ? { region } : {}), ...(text(finding.partition) ? { cloud_partition: finding.partition } : {}) };
  const out: MappedResource = { resources: [], used: [] };
  let device: Record<string, unknown> | undefined;
  let user: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'resourceType' || value === null || typeof value !== 'object') continue;
    if (key === 'instanceDetails') {
      const mapped = instance(finding, value as Json);
      out.resources.push({ ...mapped.resource, ...common });
      device = mapped.device;
    } else if (key === 'accessKeyDetails') {
      const mapped = accessKey(value as Json);
      out.resources.push({ ...mapped.resource, ...common });
      user = mapped.user;
    } else if (key === 's3BucketDetails' && Array.isArray(value)) {
      for (const b of value as Json[]) out.resources.push({ ...bucket(b), ...common });
    } else {
      out.resources.push({ type: key.replace(/Details$/, ''), data: value, ...common });
    }
    out.used.push(`resource.${key}`);
  }
  // A resource without details (an attack sequence) is known by its GuardDuty type alone.
  if (out.resources.length === 0 && type) {
    out.resources.push({ type, name: type, ...common });
    out.used.push('resource.resourceType');
  }
  return { ...out, ...(device ? { device } : {}), ...(user ? { user } : {}) };
}
