import { isIP } from 'node:net';
import { compact } from './metadata.ts';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' && value !== 'null' ? value : undefined);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Okta's LogSeverity (DEBUG, INFO, WARN, ERROR) on the OCSF scale; anything else is Other with the vendor's word. */
const SEVERITY: Readonly<Record<string, readonly [number, string]>> = {
  DEBUG: [1, 'Informational'],
  INFO: [1, 'Informational'],
  WARN: [3, 'Medium'],
  ERROR: [4, 'High'],
};

export function severityOf(value: unknown): { severity_id: number; severity: string } {
  if (typeof value !== 'string' || value === '') return { severity_id: 0, severity: 'Unknown' };
  const known = SEVERITY[value.toUpperCase()];
  return known ? { severity_id: known[0], severity: known[1] } : { severity_id: 99, severity: value.slice(0, 100) };
}

/** outcome.result: SUCCESS and ALLOW are Success, FAILURE and DENY Failure, the rest (CHALLENGE, SKIPPED, UNKNOWN) Other. */
export function statusOf(outcome: unknown) {
  const { result, reason } = obj(outcome);
  const r = text(result);
  if (r === undefined) return {};
  const id = r === 'SUCCESS' || r === 'ALLOW' ? 1 : r === 'FAILURE' || r === 'DENY' ? 2 : 99;
  return compact({ status_id: id, status: id === 99 ? r : id === 1 ? 'Success' : 'Failure', status_detail: text(reason), status_code: r });
}

/** An Okta actor or target of type User as an OCSF user. */
export function userOf(entity: unknown): Json | undefined {
  const e = obj(entity);
  const uid = text(e.id);
  const alternateId = text(e.alternateId);
  if (uid === undefined && alternateId === undefined) return undefined;
  return compact({ uid, name: alternateId, full_name: text(e.displayName), email_addr: alternateId && EMAIL.test(alternateId) ? alternateId : undefined });
}

/** The OCSF actor: a user actor as `user`, an app or system principal by name and id. */
export function actorOf(actor: unknown, sessionId: string | undefined): Json | undefined {
  const a = obj(actor);
  const session = sessionId ? { session: { uid: sessionId } } : {};
  if (a.type === 'User') {
    const user = userOf(a);
    return user ? { user, ...session } : undefined;
  }
  const name = text(a.displayName) ?? text(a.alternateId);
  const uid = text(a.id);
  return name || uid ? compact({ app_name: name, app_uid: uid, ...session }) : undefined;
}

/** The first target of one of `types` (Okta lists what an event acted on in `target`). */
export function targetOf(target: unknown, types: readonly string[]): Json | undefined {
  return Array.isArray(target) ? (target as unknown[]).map(obj).find((t) => types.includes(String(t.type))) : undefined;
}

/** Where the request came from: client IP, geography, AS and ISP from the security context. */
export function srcEndpointOf(client: unknown, securityContext: unknown): Json | undefined {
  const c = obj(client);
  const geo = obj(c.geographicalContext);
  const point = obj(geo.geolocation);
  const sc = obj(securityContext);
  const ip = text(c.ipAddress);
  const location = compact({
    city: text(geo.city),
    country: text(geo.country),
    region: text(geo.state),
    postal_code: text(geo.postalCode),
    lat: typeof point.lat === 'number' ? point.lat : undefined,
    long: typeof point.lon === 'number' ? point.lon : undefined,
  });
  const asn = typeof sc.asNumber === 'number' ? compact({ number: sc.asNumber, name: text(sc.asOrg) }) : undefined;
  const endpoint = compact({
    ip: ip && isIP(ip) !== 0 ? ip : undefined,
    domain: text(sc.domain),
    isp: text(sc.isp),
    zone: text(c.zone),
    location: Object.keys(location).length > 0 && (location.city || location.country || location.region || location.postal_code) ? location : undefined,
    autonomous_system: asn,
  });
  return endpoint.ip || endpoint.domain ? endpoint : undefined;
}

/** The HTTP request: user agent and Okta's request id. */
export function httpRequestOf(client: unknown, debugContext: unknown): Json | undefined {
  const ua = text(obj(obj(client).userAgent).rawUserAgent);
  const uid = text(obj(obj(debugContext).debugData).requestId);
  return ua || uid ? compact({ user_agent: ua, uid }) : undefined;
}

export { obj, text };
