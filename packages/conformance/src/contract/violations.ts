import type { RelayedExchange } from './relay.ts';

/** One thing Prism found wrong with a request or a response, against the API description. */
export interface ContractViolation {
  readonly request: string;
  /** Prism's problem type (`UNPROCESSABLE_ENTITY`, `VIOLATIONS`, `NO_PATH_MATCHED_ERROR`...). */
  readonly type: string;
  readonly message: string;
  /** `request.query.limit`, `response.body.data.0.id`... */
  readonly location?: string;
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

interface PrismIssue {
  readonly location?: readonly (string | number)[];
  readonly message?: string;
  readonly severity?: string;
}

function parse<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function issuesOf(value: unknown): PrismIssue[] {
  return Array.isArray(value) ? (value as PrismIssue[]).filter((issue) => issue.severity === undefined || issue.severity === 'Error') : [];
}

/**
 * The violations in one answer that came back through `prism proxy --errors`: its `sl-violations`
 * header, or the problem document Prism answers with instead of forwarding (invalid request, unknown
 * route, security not met, upstream answer it could not read). The simulator's own errors are not these.
 */
export function violationsIn(exchange: RelayedExchange): ContractViolation[] {
  const request = `${exchange.method} ${exchange.path.split('?')[0]}`;
  const header = exchange.headers['sl-violations'];
  const fromHeader = issuesOf(parse(Array.isArray(header) ? header[0] : header));
  const problem = String(exchange.headers['content-type'] ?? '').includes('application/problem+json')
    ? parse<{ type?: string; title?: string; detail?: string; validation?: unknown }>(exchange.body)
    : undefined;
  const prismProblem = problem?.type !== undefined && (problem.type.startsWith(PRISM_ERRORS) || problem.type === 'FetchError') ? problem : undefined;
  const issues = fromHeader.length > 0 ? fromHeader : issuesOf(prismProblem?.validation);
  const type = prismProblem?.type?.replace(PRISM_ERRORS, '') ?? 'VIOLATIONS';
  if (issues.length > 0) {
    return issues.map((issue) => ({ request, type, message: issue.message ?? 'violation', ...(issue.location ? { location: issue.location.join('.') } : {}) }));
  }
  if (prismProblem) return [{ request, type, message: prismProblem.title ?? prismProblem.detail ?? 'Prism refused the exchange' }];
  return [];
}
