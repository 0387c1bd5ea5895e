import type { Fault } from '@patchbay/conformance';
import type { GuardDutyFinding } from '../mappers/types.ts';
import { accessDenied, badRequest, notFound, type Answer } from './aws-errors.ts';
import { CriteriaError, criteriaFilter, sortFindings } from './criteria.ts';
import { ACCOUNT_ID } from './finding-factory.ts';
import type { PageTokens } from './page-tokens.ts';
import type { GuardDutyState } from './state.ts';

export interface ApiRequest {
  readonly method: string;
  /** Path below the simulator's root: `/detector/{id}/findings`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  /** From the SigV4 credential scope: GuardDuty answers for the Region the request was signed for. */
  readonly region: string;
  readonly fault?: Fault['kind'];
}

export interface ApiWorld {
  readonly state: GuardDutyState;
  readonly tokens: PageTokens;
  /** Operations the simulated IAM policy denies (AccessDeniedException). */
  readonly denied: ReadonlySet<string>;
}

const ok = (body: unknown): Answer => ({ status: 200, headers: { 'x-amzn-requestid': 'sim-ok' }, body });
const notOwned = () => badRequest('The request is rejected because the input detectorId is not owned by the current account.');

function maxResults(value: unknown): number {
  if (value === undefined || value === null || value === '') return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new CriteriaError('The request is rejected because maxResults must be between 1 and 50.');
  return n;
}

/** ListFindings (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListFindings.html): filtered, sorted ids with nextToken. */
function listFindings(world: ApiWorld, findings: GuardDutyFinding[], request: ApiRequest): Answer {
  const size = maxResults(request.body.maxResults);
  const token = typeof request.body.nextToken === 'string' && request.body.nextToken !== '' ? request.body.nextToken : undefined;
  const state = token === undefined ? undefined : world.tokens.read(token);
  if (token !== undefined && state === undefined) return badRequest('The request is rejected because the input nextToken is invalid.');
  if (state && request.fault === 'expire-page-token') world.tokens.expire(state);
  if (state && world.tokens.isExpired(state)) return badRequest('The request is rejected because the input nextToken has expired.');
  const list = sortFindings(findings.filter(criteriaFilter(request.body.findingCriteria)), request.body.sortCriteria);
  let start = 0;
  if (state) {
    const at = list.findIndex((f) => f.id === state.after[1]);
    start = at >= 0 ? at + 1 : list.findIndex((f) => f.updatedAt > state.after[0] || (f.updatedAt === state.after[0] && f.id > state.after[1]));
    if (start < 0) start = list.length;
  }
  if (state && request.fault === 'empty-page') return ok({ findingIds: [], nextToken: world.tokens.issue(state.after) });
  const page = list.slice(start, start + size);
  const last = page.at(-1);
  return ok({ findingIds: page.map((f) => f.id), ...(last && start + size < list.length ? { nextToken: world.tokens.issue([last.updatedAt, last.id]) } : {}) });
}

function idsOf(body: Record<string, unknown>): string[] {
  const ids = body.findingIds;
  if (!Array.isArray(ids) || ids.length > 50 || ids.some((id) => typeof id !== 'string')) throw new CriteriaError('The request is rejected because findingIds must be a list of at most 50 finding ids.');
  return ids as string[];
}

/** The GuardDuty operation a request names, as IAM spells it. */
export function operationOf(method: string, path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'detector') return undefined;
  if (parts.length === 1) return method === 'GET' ? 'ListDetectors' : undefined;
  if (parts.length === 2) return method === 'GET' ? 'GetDetector' : undefined;
  const tail = parts.slice(2).join('/');
  const ops: Record<string, string> = { 'POST findings': 'ListFindings', 'POST findings/get': 'GetFindings', 'POST findings/archive': 'ArchiveFindings', 'POST findings/unarchive': 'UnarchiveFindings', 'GET member': 'ListMembers' };
  return ops[`${method} ${tail}`];
}

/**
 * GuardDuty's REST API (rest-json, https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Operations.html)
 * for the operations the connector uses: ListDetectors, GetDetector, ListFindings, GetFindings,
 * ArchiveFindings, UnarchiveFindings, ListMembers.
 */
export function serveGuardDuty(world: ApiWorld, request: ApiRequest): Answer {
  const operation = operationOf(request.method, request.path);
  if (!operation) return notFound(request.method, request.path);
  if (world.denied.has(operation)) return accessDenied(operation);
  const region = world.state.region(request.region);
  if (!region) return badRequest(`The request is rejected because ${request.region} is not a Region this simulator serves.`);
  try {
    if (operation === 'ListDetectors') {
      maxResults(request.query.get('maxResults'));
      return ok({ detectorIds: region.detector ? [region.detector.id] : [] });
    }
    const detectorId = request.path.split('/')[2];
    if (!region.detector || region.detector.id !== detectorId) return notOwned();
    const findings = region.findings;
    switch (operation) {
      case 'GetDetector':
        return ok(region.detector.body);
      case 'ListFindings':
        return listFindings(world, [...findings.values()], request);
      case 'GetFindings':
        return ok({ findings: sortFindings(idsOf(request.body).flatMap((id) => findings.get(id) ?? []), request.body.sortCriteria) });
      case 'ArchiveFindings':
      case 'UnarchiveFindings': {
        const ids = idsOf(request.body);
        const unknown = ids.filter((id) => !findings.has(id));
        if (unknown.length > 0) return badRequest(`The request is rejected because the input findingIds ${unknown.join(',')} are not owned by the current account.`);
        const archived = operation === 'ArchiveFindings';
        for (const id of ids) if ((findings.get(id)!.service as { archived?: boolean }).archived !== archived) world.state.touch(request.region, id, { archived });
        return ok({});
      }
      default:
        return ok({ members: [{ accountId: '210987654321', administratorId: ACCOUNT_ID, masterId: ACCOUNT_ID, detectorId: region.detector.id, email: 'member@example.com', relationshipStatus: 'Enabled', updatedAt: region.detector.body.updatedAt }] });
    }
  } catch (error) {
    if (error instanceof CriteriaError) return badRequest(error.message);
    throw error;
  }
}
