import type { Answer } from './answers.ts';
import { badRequest, notFound } from './answers.ts';
import type { Route, RouteRequest } from './graph-routes.ts';
import { collectionAnswer, intParam, startOf } from './odata.ts';

const MDE_CONTEXT = 'https://api.securitycenter.microsoft.com/api/$metadata#';

/** GET /api/machines: `$top` up to 10,000, ordered by id, `@odata.nextLink` with `$skip`. */
function listMachines(request: RouteRequest): Answer {
  const query = request.url.searchParams;
  const top = intParam(query, '$top', 10_000, 1, 10_000);
  const list = request.state.devices.list('id');
  const offset = startOf(query, request.state.tokens);
  const items = list.slice(offset, offset + top).map((e) => e.record);
  return collectionAnswer({ url: request.url, items, offset, size: top, total: list.length, paging: '$skip', tokens: request.state.tokens, context: `${MDE_CONTEXT}Machines` });
}

/** GET /api/machines/SoftwareVulnerabilitiesByMachine: `pageSize` up to 200,000, `@odata.nextLink` with a `$skiptoken`. */
function listVulnerabilities(request: RouteRequest): Answer {
  const query = request.url.searchParams;
  const size = intParam(query, 'pageSize', 50_000, 1, 200_000);
  const list = request.state.vulnerabilities.list('id');
  const offset = startOf(query, request.state.tokens);
  const items = list.slice(offset, offset + size).map((e) => e.record);
  return collectionAnswer({ url: request.url, items, offset, size, total: list.length, paging: '$skiptoken', tokens: request.state.tokens, empty: request.emptyPage, context: `${MDE_CONTEXT}Collection(microsoft.windowsDefenderATP.api.AssetVulnerability)` });
}

/**
 * POST /api/machines/{id}/isolate and /unisolate: 201 with the MachineAction. Isolating a device whose
 * isolation is already active is Defender's 400 ActiveRequestAlreadyExists; an unknown device is 404.
 */
function machineAction(type: 'Isolate' | 'Unisolate') {
  return (request: RouteRequest): Answer => {
    const [id] = request.params;
    const { state } = request;
    const machine = state.devices.get(id!);
    if (!machine) return notFound('ResourceNotFound', `Machine ${id} was not found`);
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    if (typeof body.Comment !== 'string' || body.Comment === '') return badRequest('InvalidRequestBody', 'Comment is required');
    const scope = type === 'Isolate' ? (body.IsolationType ?? 'Full') : null;
    if (scope !== null && scope !== 'Full' && scope !== 'Selective') return badRequest('InvalidRequestBody', 'IsolationType must be Full or Selective');
    if (type === 'Isolate' && state.isolated.has(id!)) return badRequest('ActiveRequestAlreadyExists', `Action Isolate for machine ${id} already exists`);
    if (type === 'Isolate') state.isolated.add(id!);
    else state.isolated.delete(id!);
    const action = { id: `ma-${String(state.actions.length + 1).padStart(6, '0')}`, type, machineId: id!, comment: body.Comment, scope: scope as string | null };
    state.actions.push(action);
    const now = state.clock.now().toISOString();
    return {
      status: 201,
      body: {
        '@odata.context': `${MDE_CONTEXT}MachineActions/$entity`,
        id: action.id,
        type,
        scope: action.scope,
        requestor: 'patchbay-app',
        requestorComment: action.comment,
        status: 'Pending',
        machineId: id,
        computerDnsName: machine.computerDnsName,
        creationDateTimeUtc: now,
        lastUpdateDateTimeUtc: now,
        relatedFileInfo: null,
      },
    };
  };
}

export function mdeRoutes(): Route[] {
  return [
    // https://learn.microsoft.com/en-us/defender-endpoint/api/get-machines
    { method: 'GET', pattern: /^\/api\/machines$/, permission: 'Machine.Read.All', stream: 'devices', handle: listMachines },
    // https://learn.microsoft.com/en-us/defender-endpoint/api/get-assessment-software-vulnerabilities
    { method: 'GET', pattern: /^\/api\/machines\/SoftwareVulnerabilitiesByMachine$/, permission: 'Vulnerability.Read.All', stream: 'vulnerabilities', handle: listVulnerabilities },
    // https://learn.microsoft.com/en-us/defender-endpoint/api/isolate-machine
    { method: 'POST', pattern: /^\/api\/machines\/([^/]+)\/isolate$/, permission: 'Machine.Isolate', handle: machineAction('Isolate') },
    // https://learn.microsoft.com/en-us/defender-endpoint/api/unisolate-machine
    { method: 'POST', pattern: /^\/api\/machines\/([^/]+)\/unisolate$/, permission: 'Machine.Isolate', handle: machineAction('Unisolate') },
  ];
}
