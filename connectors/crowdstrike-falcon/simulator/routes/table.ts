import type { AlertRecord } from '../../mappers/alert.ts';
import type { HostRecord } from '../../mappers/host.ts';
import type { VulnerabilityRecord } from '../../mappers/vulnerability.ts';
import type { Answer } from '../answer.ts';
import type { Collection } from '../data/collection.ts';
import type { PageTokens } from '../page-tokens.ts';
import { getAlerts, queryAlerts, updateAlerts } from './alerts.ts';
import { getHosts, hostAction, scrollHosts } from './hosts.ts';
import { queryVulnerabilities } from './spotlight.ts';

export interface SimulatedData {
  readonly alerts: Collection<AlertRecord>;
  readonly hosts: Collection<HostRecord>;
  readonly vulnerabilities: Collection<VulnerabilityRecord>;
  readonly tokens: PageTokens;
}

export interface RouteCall {
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly data: SimulatedData;
  readonly pageFault?: 'expire-page-token' | 'empty-page';
}

export interface Route {
  readonly method: string;
  readonly path: string;
  /** The API client scope the route needs (Falcon answers 403 without it). */
  readonly scope: string;
  /** The stream whose sync sends this request (none for actions). */
  readonly stream?: 'alerts' | 'hosts' | 'vulnerabilities';
  /** The query parameter that carries a continuation token, when the route pages with one. */
  readonly continuation?: string;
  readonly serve: (call: RouteCall) => Answer;
}

/** Every endpoint the simulator serves, with the scope its swagger `security` names. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/alerts/queries/alerts/v2', stream: 'alerts', scope: 'alerts:read', serve: (c) => queryAlerts(c.query, c.data.alerts) },
  { method: 'POST', path: '/alerts/entities/alerts/v2', stream: 'alerts', scope: 'alerts:read', serve: (c) => getAlerts(c.body, c.data.alerts) },
  { method: 'PATCH', path: '/alerts/entities/alerts/v3', scope: 'alerts:write', serve: (c) => updateAlerts(c.body, c.data.alerts) },
  { method: 'GET', path: '/devices/queries/devices-scroll/v1', stream: 'hosts', scope: 'devices:read', continuation: 'offset', serve: (c) => scrollHosts(c.query, c.data.hosts, c.data.tokens, c.pageFault) },
  { method: 'POST', path: '/devices/entities/devices/v2', stream: 'hosts', scope: 'devices:read', serve: (c) => getHosts(c.body, c.data.hosts) },
  { method: 'POST', path: '/devices/entities/devices-actions/v2', scope: 'devices:write', serve: (c) => hostAction(c.query, c.body, c.data.hosts) },
  { method: 'GET', path: '/spotlight/combined/vulnerabilities/v1', stream: 'vulnerabilities', scope: 'spotlight-vulnerabilities:read', continuation: 'after', serve: (c) => queryVulnerabilities(c.query, c.data.vulnerabilities, c.data.tokens, c.pageFault) },
];

export const ALL_SCOPES = [...new Set(ROUTES.map((r) => r.scope))];
