import type { Answer } from './answers.ts';
import { badRequest, notFound } from './answers.ts';
import { huntingAnswer } from './hunting.ts';
import { collectionAnswer, intParam, parseUpdatedFilter, startOf, type AnyDataset } from './odata.ts';
import type { SimState } from './state.ts';

/** What a route handler sees of the request. */
export interface RouteRequest {
  readonly state: SimState;
  /** The URL as the client sent it (for next links). */
  readonly url: URL;
  /** Path params (`alert-id`). */
  readonly params: readonly string[];
  readonly body: unknown;
  /** The suite injected an empty page for this continuation request. */
  readonly emptyPage: boolean;
}

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  /** The application permission the endpoint needs (403 when the app lacks it). */
  readonly permission: string;
  /** The connector stream this listing feeds, if any. */
  readonly stream?: string;
  readonly handle: (request: RouteRequest) => Answer;
}

const GRAPH_CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#security/';
const MAX_TOP = 1000;

/**
 * A Graph security collection: `$filter` on lastUpdateDateTime, `$top` (default 100), newest first as Graph
 * lists alerts and incidents, and `@odata.nextLink` carrying a `$skiptoken`.
 */
function listChanged(data: AnyDataset, collection: string) {
  return (request: RouteRequest): Answer => {
    const query = request.url.searchParams;
    const top = intParam(query, '$top', 100, 1, MAX_TOP);
    const list = data.list('newest', parseUpdatedFilter(query.get('$filter')));
    const offset = startOf(query, request.state.tokens);
    const items = list.slice(offset, offset + top).map((e) => e.record);
    return collectionAnswer({ url: request.url, items, offset, size: top, total: list.length, paging: '$skiptoken', tokens: request.state.tokens, empty: request.emptyPage, context: `${GRAPH_CONTEXT}${collection}` });
  };
}

const WRITABLE = ['status', 'classification', 'determination', 'assignedTo'];

/** PATCH alerts_v2/{id}: the writable fields, lastUpdateDateTime moved to now; answers the updated alert. */
function updateAlert(request: RouteRequest): Answer {
  const [id] = request.params;
  const patch = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const unknown = Object.keys(patch).filter((key) => !WRITABLE.includes(key));
  if (unknown.length > 0) return badRequest('BadRequest', `Property '${unknown[0]}' cannot be updated.`);
  const updated = request.state.alerts.replace(id!, (alert, at) => ({
    ...alert,
    ...patch,
    lastUpdateDateTime: new Date(at).toISOString(),
    ...(patch.status === 'resolved' ? { resolvedDateTime: new Date(at).toISOString() } : {}),
  }));
  return updated ? { status: 200, body: { '@odata.context': `${GRAPH_CONTEXT}alerts_v2/$entity`, ...updated } } : notFound('NotFound', `Alert ${id} was not found.`);
}

/** Graph routes, on paths without the `/v1.0` prefix (the simulator accepts both; Prism sends them without). */
export function graphRoutes(state: SimState): Route[] {
  return [
    // https://learn.microsoft.com/en-us/graph/api/security-list-alerts_v2?view=graph-rest-1.0
    { method: 'GET', pattern: /^\/security\/alerts_v2$/, permission: 'SecurityAlert.Read.All', stream: 'alerts', handle: listChanged(state.alerts, 'alerts_v2') },
    // https://learn.microsoft.com/en-us/graph/api/security-alert-update?view=graph-rest-1.0
    { method: 'PATCH', pattern: /^\/security\/alerts_v2\/([^/]+)$/, permission: 'SecurityAlert.ReadWrite.All', handle: updateAlert },
    // https://learn.microsoft.com/en-us/graph/api/security-list-incidents?view=graph-rest-1.0
    { method: 'GET', pattern: /^\/security\/incidents$/, permission: 'SecurityIncident.Read.All', stream: 'incidents', handle: listChanged(state.incidents, 'incidents') },
    // https://learn.microsoft.com/en-us/graph/api/security-security-runhuntingquery?view=graph-rest-1.0
    { method: 'POST', pattern: /^\/security\/(?:microsoft\.graph\.security\.)?runHuntingQuery$/, permission: 'ThreatHunting.Read.All', handle: (r) => huntingAnswer(r.body) },
  ];
}
