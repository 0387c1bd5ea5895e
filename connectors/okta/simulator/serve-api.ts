import { badRequest, notFound, oktaError, type Answer } from './okta-errors.ts';
import { byId, type Directory } from './directory.ts';
import { pageOf } from './listing.ts';
import { serveLogs } from './serve-logs.ts';
import type { SystemLog } from './system-log.ts';

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly origin: string;
  readonly nowMs: number;
}

/** The OAuth scope each endpoint needs (the `security` of each operation in Okta's management API description). */
export function scopeFor(method: string, path: string): string | undefined {
  if (/^\/api\/v1\/users\/[^/]+\/(lifecycle\/(suspend|unsuspend)|sessions)$/.test(path)) return 'okta.users.manage';
  if (/^\/api\/v1\/users(\/[^/]+)?$/.test(path)) return method === 'GET' ? 'okta.users.read' : 'okta.users.manage';
  if (/^\/api\/v1\/groups(\/[^/]+\/users)?$/.test(path)) return 'okta.groups.read';
  if (path === '/api/v1/apps') return 'okta.apps.read';
  if (path === '/api/v1/logs') return 'okta.logs.read';
  return undefined;
}

const STATUS_FILTER = /^status eq "([A-Z_]+)"$/;

/**
 * GET /api/v1/users (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers):
 * DEPROVISIONED users are left out unless a filter asks for them; the filter takes `status eq "..."`
 * terms joined by `or`. Limit: default 200, at most 200.
 */
function listUsers(directory: Directory, request: ApiRequest): Answer {
  const filter = request.query.get('filter');
  let statuses: Set<string> | undefined;
  if (filter !== null) {
    const terms = filter.split(/\s+or\s+/i).map((term) => STATUS_FILTER.exec(term.trim()));
    if (terms.some((t) => t === null)) return oktaError(400, 'E0000031', 'Invalid search criteria.');
    statuses = new Set(terms.map((t) => t![1]!));
  }
  const users = byId(directory.users).filter((u) => (statuses ? statuses.has(u.status) : u.status !== 'DEPROVISIONED'));
  return pageOf(users, request.origin, request.path, request.query, 200, 200);
}

function userLifecycle(directory: Directory, log: SystemLog, id: string, operation: string): Answer {
  const user = directory.users.get(id) ?? [...directory.users.values()].find((u) => u.profile.login === id);
  if (!user) return notFound(`${id} (User)`);
  // https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/: suspend needs ACTIVE, unsuspend SUSPENDED.
  if (operation === 'suspend' && user.status !== 'ACTIVE') return badRequest('Cannot suspend a user that is not active');
  if (operation === 'unsuspend' && user.status !== 'SUSPENDED') return badRequest('Cannot unsuspend a user that is not suspended');
  const status = operation === 'suspend' ? 'SUSPENDED' : 'ACTIVE';
  const at = directory.now();
  directory.users.set(user.id, { ...user, status, statusChanged: at, lastUpdated: at });
  log.append({ eventType: `user.lifecycle.${operation}`, version: '0', severity: 'INFO', displayMessage: `${operation === 'suspend' ? 'Suspend' : 'Unsuspend'} Okta user`, outcome: { result: 'SUCCESS' }, target: [{ id: user.id, type: 'User', alternateId: user.profile.login, displayName: user.profile.login }], actor: { id: '0oasimserviceapp0h7', type: 'PublicClientApp', alternateId: 'Patchbay', displayName: 'Patchbay' } });
  return { status: 200, body: {} };
}

/** Routes one authenticated management API request of the simulated org. */
export function serveApi(directory: Directory, log: SystemLog, request: ApiRequest, sessionsCleared: (userId: string) => void): Answer {
  const { method, path, query, origin } = request;
  const segments = path.split('/').slice(1).map(decodeURIComponent);
  if (method === 'GET' && path === '/api/v1/users') return listUsers(directory, request);
  if (method === 'GET' && path === '/api/v1/groups') return pageOf(byId(directory.groups), origin, path, query, 10_000, 10_000);
  if (method === 'GET' && path === '/api/v1/apps') return pageOf(byId(directory.apps), origin, path, query, 200, 200);
  if (method === 'GET' && path === '/api/v1/logs') return serveLogs(log.events, origin, query, request.nowMs);
  if (segments[2] === 'groups' && segments[4] === 'users' && segments.length === 5 && method === 'GET') {
    const group = directory.groups.get(segments[3]!);
    if (!group) return notFound(`${segments[3]} (UserGroup)`);
    const members = (directory.members.get(group.id) ?? []).map((id) => directory.users.get(id)).filter((u) => u !== undefined);
    return pageOf(members.sort((a, b) => (a.id < b.id ? -1 : 1)), origin, path, query, 1000, 1000);
  }
  if (segments[2] === 'users' && segments.length >= 4) {
    const id = segments[3]!;
    if (segments.length === 4 && method === 'GET') {
      const user = directory.users.get(id) ?? [...directory.users.values()].find((u) => u.profile.login === id);
      return user ? { status: 200, body: user } : notFound(`${id} (User)`);
    }
    if (segments.length === 6 && segments[4] === 'lifecycle' && method === 'POST' && (segments[5] === 'suspend' || segments[5] === 'unsuspend')) return userLifecycle(directory, log, id, segments[5]);
    if (segments.length === 5 && segments[4] === 'sessions' && method === 'DELETE') {
      if (!directory.users.has(id)) return notFound(`${id} (User)`);
      sessionsCleared(id);
      return { status: 204 };
    }
  }
  return notFound(`${method} ${path}`);
}
