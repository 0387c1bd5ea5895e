import type { GraphEvidence } from '../vendor.ts';
import { opt } from './times.ts';

type Obj = Record<string, unknown>;

/** What one evidence item becomes: an OCSF evidences entry, and what of the item found no OCSF home. */
export interface MappedEvidence {
  readonly evidence: Obj | undefined;
  /** The primary device, for the finding's `device`. */
  readonly device: Obj | undefined;
  readonly rest: Obj;
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function without(value: Obj, keys: readonly string[]): Obj {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** `item[key]` minus the `used` sub-fields, or nothing when all of it was used. */
function leftOf(item: Obj, key: string, used: readonly string[]): Obj {
  const value = item[key];
  if (!isObj(value)) return {};
  const left = without(value, used);
  return Object.keys(left).length === 0 ? {} : { [key]: left };
}

/** The evidence kind: `userEvidence` from `#microsoft.graph.security.userEvidence` (Panther's export spells the key `at_sign_odata_type`). */
export function evidenceKind(item: GraphEvidence): string {
  const type = text(item['@odata.type']) ?? text(item.at_sign_odata_type) ?? '';
  return type.slice(type.lastIndexOf('.') + 1);
}

const ACCOUNT = ['accountName', 'domainName', 'userPrincipalName', 'azureAdUserId', 'userSid', 'displayName'];

function userOf(account: unknown): Obj | undefined {
  if (!isObj(account)) return undefined;
  const upn = text(account.userPrincipalName);
  const user = {
    ...opt('name', text(account.accountName) ?? upn),
    ...opt('domain', text(account.domainName)),
    ...opt('uid', text(account.azureAdUserId)),
    ...opt('uid_alt', text(account.userSid)),
    ...opt('full_name', text(account.displayName)),
    ...(upn?.includes('@') ? { email_addr: upn } : {}),
  };
  return Object.keys(user).length === 0 ? undefined : user;
}

const FILE = ['fileName', 'filePath', 'sha1', 'sha256', 'fileSize'];

function fileOf(details: unknown): Obj | undefined {
  if (!isObj(details) || text(details.fileName) === undefined) return undefined;
  const hashes = [
    ...(text(details.sha1) ? [{ algorithm_id: 2, algorithm: 'SHA-1', value: details.sha1 }] : []),
    ...(text(details.sha256) ? [{ algorithm_id: 3, algorithm: 'SHA-256', value: details.sha256 }] : []),
  ];
  return {
    name: details.fileName,
    type_id: 1,
    type: 'Regular File',
    ...opt('path', text(details.filePath)),
    ...(typeof details.fileSize === 'number' ? { size: details.fileSize } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
  };
}

const OS_TYPES: readonly [RegExp, number][] = [
  [/windows/i, 100],
  [/android/i, 201],
  [/ios/i, 301],
  [/mac/i, 300],
  [/linux|ubuntu|redhat|rhel|centos|debian|suse|oracle/i, 200],
];

/** OCSF os.type_id for a Defender osPlatform (`Windows11`, `Linux`, `macOS`...). */
export function osTypeId(platform: string): number {
  return OS_TYPES.find(([pattern]) => pattern.test(platform))?.[1] ?? 99;
}

const DEVICE = ['deviceDnsName', 'mdeDeviceId', 'azureAdDeviceId', 'osPlatform'];

function deviceOf(item: Obj): Obj {
  const platform = text(item.osPlatform);
  return {
    type_id: 0,
    ...opt('hostname', text(item.deviceDnsName)),
    ...opt('uid', text(item.mdeDeviceId)),
    ...opt('uid_alt', text(item.azureAdDeviceId)),
    ...(platform ? { os: { name: platform, type_id: osTypeId(platform) } } : {}),
  };
}

/** One Graph alert evidence item (https://learn.microsoft.com/en-us/graph/api/resources/security-alertevidence) in OCSF terms. */
export function mapEvidence(item: GraphEvidence): MappedEvidence {
  const kind = evidenceKind(item);
  const base = without(item, ['@odata.type', 'at_sign_odata_type']);
  const keep = (evidence: Obj | undefined, used: readonly string[], nested: Obj = {}, device?: Obj): MappedEvidence =>
    evidence === undefined ? { evidence: undefined, device: undefined, rest: { kind, ...base } } : { evidence, device, rest: { kind, ...without(base, used), ...nested } };
  switch (kind) {
    case 'userEvidence': {
      const user = userOf(item.userAccount);
      return keep(user ? { user, name: kind } : undefined, ['userAccount'], leftOf(item, 'userAccount', ACCOUNT));
    }
    case 'ipEvidence': {
      const ip = text(item.ipAddress);
      const country = text(item.countryLetterCode);
      return keep(ip ? { name: kind, src_endpoint: { ip, ...(country ? { location: { country } } : {}) } } : undefined, ['ipAddress', 'countryLetterCode']);
    }
    case 'urlEvidence': {
      const url = text(item.url);
      return keep(url ? { name: kind, url: { url_string: url } } : undefined, ['url']);
    }
    case 'deviceEvidence': {
      const device = deviceOf(item);
      return keep({ name: kind, device }, DEVICE, {}, device);
    }
    case 'fileEvidence': {
      const file = fileOf(item.fileDetails);
      return keep(file ? { name: kind, file } : undefined, ['fileDetails'], leftOf(item, 'fileDetails', FILE));
    }
    case 'processEvidence': {
      const file = fileOf(item.imageFile);
      const process = {
        ...(typeof item.processId === 'number' ? { pid: item.processId } : {}),
        ...opt('cmd_line', text(item.processCommandLine)),
        ...(file ? { file } : {}),
      };
      const nested = file ? leftOf(item, 'imageFile', FILE) : {};
      return keep(Object.keys(process).length > 0 ? { name: kind, process } : undefined, ['processId', 'processCommandLine', ...(file ? ['imageFile'] : [])], nested);
    }
    default:
      return keep(undefined, []);
  }
}
