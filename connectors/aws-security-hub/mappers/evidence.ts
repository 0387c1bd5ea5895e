import type { AsffFinding } from './asff.ts';
import { actorUserOf } from './resources.ts';

interface RemoteIp {
  readonly IpAddressV4?: string;
  readonly Country?: { readonly CountryCode?: string; readonly CountryName?: string };
  readonly City?: { readonly CityName?: string };
  readonly GeoLocation?: { readonly Lat?: number; readonly Lon?: number };
  readonly Organization?: { readonly Asn?: number; readonly AsnOrg?: string; readonly Isp?: string; readonly Org?: string };
}

interface Port {
  readonly Port?: number;
}

interface ActionShape {
  readonly ActionType?: string;
  readonly AwsApiCallAction?: { readonly Api?: string; readonly ServiceName?: string; readonly CallerType?: string; readonly RemoteIpDetails?: RemoteIp };
  readonly NetworkConnectionAction?: {
    readonly ConnectionDirection?: string;
    readonly Protocol?: string;
    readonly RemoteIpDetails?: RemoteIp;
    readonly RemotePortDetails?: Port;
    readonly LocalPortDetails?: Port;
  };
  readonly DnsRequestAction?: { readonly Domain?: string; readonly Protocol?: string };
}

/** A remote IP's details as an OCSF network endpoint (address, location, ISP and autonomous system). */
export function endpointOf(remote: RemoteIp | undefined, port?: Port): Record<string, unknown> | undefined {
  if (!remote?.IpAddressV4) return undefined;
  const { Country: country, City: city, GeoLocation: geo, Organization: org } = remote;
  const location = {
    ...(country?.CountryCode ? { country: country.CountryCode } : {}),
    ...(city?.CityName ? { city: city.CityName } : {}),
    ...(geo?.Lat !== undefined && geo.Lon !== undefined ? { lat: geo.Lat, long: geo.Lon } : {}),
  };
  return {
    ip: remote.IpAddressV4,
    ...(port?.Port !== undefined ? { port: port.Port } : {}),
    ...(Object.keys(location).length > 0 ? { location } : {}),
    ...(org?.Isp ? { isp: org.Isp } : {}),
    ...(org?.Asn !== undefined ? { autonomous_system: { number: org.Asn, ...(org.AsnOrg ? { name: org.AsnOrg } : {}) } } : {}),
  };
}

/**
 * The finding's Action (what was observed: an API call, a network connection, a DNS request) and the
 * acting IAM principal, as one OCSF evidence entry. Undefined when the finding has neither.
 */
export function evidenceOf(finding: AsffFinding): Record<string, unknown> | undefined {
  const action = (finding.Action ?? {}) as ActionShape;
  const user = actorUserOf(finding.Resources);
  const call = action.AwsApiCallAction;
  const network = action.NetworkConnectionAction;
  const evidence: Record<string, unknown> = {
    ...(action.ActionType ? { name: action.ActionType } : {}),
    ...(user ? { actor: { user } } : {}),
    ...(call?.Api ? { api: { operation: call.Api, ...(call.ServiceName ? { service: { name: call.ServiceName } } : {}) } } : {}),
  };
  const caller = endpointOf(call?.RemoteIpDetails);
  if (caller) evidence.src_endpoint = caller;
  const remote = endpointOf(network?.RemoteIpDetails, network?.RemotePortDetails);
  if (network && (remote || network.ConnectionDirection || network.Protocol)) {
    const inbound = network.ConnectionDirection === 'INBOUND';
    if (remote) evidence[inbound ? 'src_endpoint' : 'dst_endpoint'] = remote;
    evidence.connection_info = {
      ...(network.ConnectionDirection ? { direction: network.ConnectionDirection, direction_id: inbound ? 1 : network.ConnectionDirection === 'OUTBOUND' ? 2 : 0 } : { direction_id: 0 }),
      ...(network.Protocol ? { protocol_name: network.Protocol.toLowerCase() } : {}),
    };
  }
  if (action.DnsRequestAction?.Domain) evidence.query = { hostname: action.DnsRequestAction.Domain };
  return Object.keys(evidence).length > 0 ? evidence : undefined;
}
