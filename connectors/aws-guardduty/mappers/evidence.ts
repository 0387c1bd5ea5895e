import type { GuardDutyFinding, Json } from './types.ts';
import { text } from './unmapped.ts';

/** What `service.action` becomes: one OCSF evidence, and the paths it used. */
export interface MappedEvidence {
  readonly evidences: Record<string, unknown>[];
  readonly used: string[];
}

/** GuardDuty's PortDetails: the port, and its service name when GuardDuty knows it. */
function portOf(details: Json | undefined): Record<string, unknown> {
  if (!details) return {};
  const name = text(details.portName);
  return { ...(typeof details.port === 'number' ? { port: details.port } : {}), ...(name && name !== 'Unknown' ? { svc_name: name } : {}) };
}

/** GuardDuty's RemoteIpDetails (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_RemoteIpDetails.html) as an OCSF endpoint. */
function remoteEndpoint(details: Json | undefined, port?: Json): Record<string, unknown> | undefined {
  if (!details && !port) return undefined;
  const ip = text(details?.ipAddressV4) ?? text(details?.ipAddressV6);
  const org = (details?.organization ?? {}) as Json;
  const country = (details?.country ?? {}) as Json;
  const geo = (details?.geoLocation ?? {}) as Json;
  const city = text((details?.city as Json | undefined)?.cityName);
  const asn = Number(org.asn);
  const location = {
    ...(city ? { city } : {}),
    ...(text(country.countryCode) ? { country: country.countryCode } : {}),
    ...(text(country.countryName) ? { desc: country.countryName } : {}),
    ...(typeof geo.lat === 'number' ? { lat: geo.lat } : {}),
    ...(typeof geo.lon === 'number' ? { long: geo.lon } : {}),
  };
  return {
    ...(ip ? { ip } : {}),
    ...portOf(port),
    // OCSF wants a city, country code, postal code or region in a location: a country name alone stays in `data`.
    ...(city || text(country.countryCode) ? { location } : {}),
    ...(Number.isInteger(asn) && asn > 0 ? { autonomous_system: { number: asn, ...(text(org.asnOrg) ? { name: org.asnOrg } : {}) } } : {}),
    ...(text(org.isp) ? { isp: org.isp } : {}),
    ...(text(org.org) ? { isp_org: org.org } : {}),
  };
}

function localEndpoint(details: Json | undefined, port: Json | undefined): Record<string, unknown> {
  const ip = text(details?.ipAddressV4) ?? text(details?.ipAddressV6);
  return { ...(ip ? { ip } : {}), ...portOf(port) };
}

const DIRECTIONS: Readonly<Record<string, number>> = { INBOUND: 1, OUTBOUND: 2, UNKNOWN: 0 };

function networkConnection(action: Json): Record<string, unknown> {
  const direction = text(action.connectionDirection) ?? 'UNKNOWN';
  const remote = remoteEndpoint(action.remoteIpDetails as Json | undefined, action.remotePortDetails as Json | undefined) ?? {};
  const local = localEndpoint(action.localIpDetails as Json | undefined, action.localPortDetails as Json | undefined);
  const inbound = direction !== 'OUTBOUND';
  return {
    connection_info: {
      direction_id: DIRECTIONS[direction] ?? 99,
      ...(DIRECTIONS[direction] === undefined ? { direction } : {}),
      ...(text(action.protocol) ? { protocol_name: String(action.protocol).toLowerCase() } : {}),
    },
    src_endpoint: inbound ? remote : local,
    dst_endpoint: inbound ? local : remote,
  };
}

function apiCall(action: Json, user: Record<string, unknown> | undefined): Record<string, unknown> {
  const src = remoteEndpoint(action.remoteIpDetails as Json | undefined);
  return {
    api: {
      operation: text(action.api) ?? 'unknown',
      ...(text(action.serviceName) ? { service: { name: action.serviceName } } : {}),
      ...(text(action.errorCode) ? { response: { error: action.errorCode } } : {}),
    },
    ...(src ? { src_endpoint: src } : {}),
    ...(user ? { actor: { user } } : {}),
  };
}

function dnsRequest(action: Json): Record<string, unknown> {
  const domain = text(action.domain);
  return domain ? { query: { hostname: domain, class: 'IN', type: 'A' }, dst_endpoint: { domain } } : {};
}

/**
 * The activity GuardDuty saw (`service.action`, https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Action.html)
 * as an OCSF evidence: network connections with direction, protocol and both endpoints, AWS API calls
 * with the caller, and DNS requests. Other action kinds (port probes, Kubernetes, RDS logins) stay under
 * `unmapped` whole.
 */
export function mapEvidence(finding: GuardDutyFinding, user: Record<string, unknown> | undefined): MappedEvidence {
  const action = ((finding.service ?? {}) as Json).action as Json | undefined;
  if (!action) return { evidences: [], used: [] };
  const kinds: Readonly<Record<string, (a: Json) => Record<string, unknown>>> = {
    networkConnectionAction: networkConnection,
    awsApiCallAction: (a) => apiCall(a, user),
    dnsRequestAction: dnsRequest,
  };
  const evidences: Record<string, unknown>[] = [];
  const used: string[] = [];
  for (const [key, build] of Object.entries(kinds)) {
    const detail = action[key] as Json | undefined;
    if (!detail) continue;
    const evidence = build(detail);
    if (Object.keys(evidence).length === 0) continue;
    evidences.push({ name: key, ...evidence, data: detail });
    used.push(`service.action.${key}`);
  }
  return { evidences, used };
}
