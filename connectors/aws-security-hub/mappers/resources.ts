import type { AsffFinding, AsffResource } from './asff.ts';

const ROLES: Readonly<Record<string, number>> = { Target: 1, Actor: 2, Affected: 3, Related: 4 };

const tagsOf = (tags: AsffResource['Tags']) => (tags ? Object.entries(tags).map(([name, value]) => ({ name, value })) : undefined);

/** ASFF Resources → OCSF resource_details (id, type, Region, partition, role, tags; Details as data). */
export function resourcesOf(resources: AsffFinding['Resources']): Record<string, unknown>[] {
  return (resources ?? []).map((resource) => {
    const role = resource.ResourceRole;
    const tags = tagsOf(resource.Tags);
    return {
      ...(resource.Id !== undefined ? { uid: resource.Id, name: resource.Id } : {}),
      ...(resource.Type !== undefined ? { type: resource.Type } : {}),
      ...(resource.Region !== undefined ? { region: resource.Region } : {}),
      ...(resource.Partition !== undefined ? { cloud_partition: resource.Partition } : {}),
      ...(role !== undefined ? { role, role_id: ROLES[role] ?? 99 } : {}),
      ...(tags && tags.length > 0 ? { tags } : {}),
      ...(resource.Details !== undefined ? { data: resource.Details } : {}),
    };
  });
}

interface Ec2Details {
  readonly ImageId?: string;
  readonly IpV4Addresses?: readonly string[];
  readonly PrivateDnsName?: string;
  readonly VpcId?: string;
  readonly SubnetId?: string;
  readonly Type?: string;
}

/** The first EC2 instance among the resources, as the OCSF device (type Virtual, instance id). */
export function deviceOf(resources: AsffFinding['Resources']): Record<string, unknown> | undefined {
  const instance = (resources ?? []).find((r) => r.Type === 'AwsEc2Instance');
  if (!instance?.Id) return undefined;
  const details = (instance.Details?.AwsEc2Instance ?? {}) as Ec2Details;
  const instanceId = instance.Id.split('/').pop()!;
  return {
    type_id: 6,
    type: 'Virtual',
    uid: instance.Id,
    instance_uid: instanceId,
    ...(instance.Region ? { region: instance.Region } : {}),
    ...(details.PrivateDnsName ? { hostname: details.PrivateDnsName } : {}),
    ...(details.IpV4Addresses?.[0] ? { ip: details.IpV4Addresses[0] } : {}),
    ...(details.VpcId ? { vpc_uid: details.VpcId } : {}),
    ...(details.SubnetId ? { subnet_uid: details.SubnetId } : {}),
    ...(details.ImageId ? { image: { uid: details.ImageId, name: details.ImageId } } : {}),
  };
}

interface AccessKeyDetails {
  readonly AccessKeyId?: string;
  readonly PrincipalId?: string;
  readonly PrincipalName?: string;
  readonly PrincipalType?: string;
  readonly AccountId?: string;
  readonly SessionContext?: { readonly SessionIssuer?: { readonly Arn?: string; readonly UserName?: string } };
}

/** The acting IAM principal (a resource with role Actor and AwsIamAccessKey details) as an OCSF user. */
export function actorUserOf(resources: AsffFinding['Resources']): Record<string, unknown> | undefined {
  const key = (resources ?? []).find((r) => r.ResourceRole === 'Actor' && r.Details?.AwsIamAccessKey !== undefined);
  const details = key?.Details?.AwsIamAccessKey as AccessKeyDetails | undefined;
  if (!details) return undefined;
  const issuer = details.SessionContext?.SessionIssuer;
  const name = details.PrincipalName ?? details.PrincipalId?.split(':').pop() ?? issuer?.UserName;
  return {
    ...(details.PrincipalId ? { uid: details.PrincipalId } : {}),
    ...(name ? { name } : {}),
    ...(issuer?.Arn ? { uid_alt: issuer.Arn } : {}),
    ...(details.PrincipalType ? { type: details.PrincipalType, type_id: 99 } : {}),
    ...(details.AccessKeyId ? { credential_uid: details.AccessKeyId } : {}),
    ...(details.AccountId ? { account: { uid: details.AccountId, type: 'AWS Account', type_id: 10 } } : {}),
  };
}
