import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { MdeIpAddress, MdeMachine } from '../vendor.ts';
import { osTypeId } from './evidence.ts';
import { epochMsOf, opt } from './times.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Defender's riskScore (None, Informational, Low, Medium, High) as OCSF risk_level_id. */
const RISK: Readonly<Record<string, number>> = { Informational: 0, Low: 1, Medium: 2, High: 3 };

/** `001DD8B71C36` (Defender) as `00:1d:d8:b7:1c:36`; other forms as they are. */
function macOf(value: unknown): string | undefined {
  const mac = text(value);
  if (mac === undefined) return undefined;
  return /^[0-9A-Fa-f]{12}$/.test(mac) ? mac.toLowerCase().replace(/(..)(?!$)/g, '$1:') : mac;
}

function interfaceOf(address: MdeIpAddress): Record<string, unknown> {
  return { ...opt('ip', text(address.ipAddress)), ...opt('mac', macOf(address.macAddress)), ...opt('type', text(address.type)) };
}

/**
 * A Defender for Endpoint Machine (https://learn.microsoft.com/en-us/defender-endpoint/api/machine) as an
 * OCSF Device Inventory Info (5001): id, DNS name, OS (platform, version, build), addresses and network
 * interfaces, first and last seen, device group, Entra device id and risk. Health, onboarding, exposure,
 * tags, AV status and the rest are kept under `unmapped`.
 */
export function mapDevice(raw: MdeMachine, meta: MapMeta): OcsfRecord {
  const { id, computerDnsName, firstSeen, lastSeen, osPlatform, osVersion, osBuild, lastIpAddress, ipAddresses, rbacGroupId, rbacGroupName, aadDeviceId, riskScore, ...rest } = raw;
  const platform = text(osPlatform);
  const interfaces = (Array.isArray(ipAddresses) ? ipAddresses : []).map(interfaceOf).filter((i) => Object.keys(i).length > 0);
  const risk = text(riskScore);
  const seen = epochMsOf(lastSeen, 'lastSeen');
  const group = rbacGroupName !== undefined && rbacGroupName !== null ? [{ ...opt('name', text(rbacGroupName)), ...(rbacGroupId !== undefined && rbacGroupId !== null ? { uid: String(rbacGroupId) } : {}) }] : undefined;
  return {
    class_uid: 5001,
    category_uid: 5,
    activity_id: 1,
    activity_name: 'Log',
    type_uid: 500_101,
    severity_id: 1,
    severity: 'Informational',
    time: seen ?? epochMsOf(firstSeen, 'firstSeen') ?? meta.receivedAt.getTime(),
    device: {
      uid: id,
      type_id: 0,
      ...opt('hostname', text(computerDnsName)),
      ...opt('name', text(computerDnsName)),
      ...opt('uid_alt', text(aadDeviceId)),
      ...opt('ip', text(lastIpAddress)),
      ...(platform ? { os: { name: platform, type_id: osTypeId(platform), ...opt('version', text(osVersion)), ...(osBuild !== undefined && osBuild !== null ? { build: String(osBuild) } : {}) } } : {}),
      ...(interfaces.length > 0 ? { network_interfaces: interfaces } : {}),
      ...opt('first_seen_time', epochMsOf(firstSeen, 'firstSeen')),
      ...opt('last_seen_time', seen),
      ...(group ? { groups: group } : {}),
      ...(risk && RISK[risk] !== undefined ? { risk_level_id: RISK[risk], risk_level: risk } : {}),
    },
    metadata: {
      version: ocsfVersion,
      uid: id,
      product: { name: 'Microsoft Defender for Endpoint', vendor_name: 'Microsoft' },
      ...opt('original_time', text(lastSeen)),
    },
    ...(Object.keys({ ...rest, ...(risk && RISK[risk] === undefined ? { riskScore } : {}) }).length > 0 ? { unmapped: { ...rest, ...(risk && RISK[risk] === undefined ? { riskScore } : {}) } } : {}),
  };
}
