import type { GuardDutyFinding } from '../mappers/types.ts';

/**
 * ListFindings' FindingCriteria and SortCriteria (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_FindingCriteria.html,
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_Condition.html): a map from a finding
 * attribute to conditions. Times (`updatedAt`, `createdAt`) compare as epoch milliseconds.
 */
type Condition = Readonly<Record<string, unknown>>;

/** The attributes the simulator can filter on, a subset of the documented list. */
const FIELDS: Readonly<Record<string, (f: GuardDutyFinding) => unknown>> = {
  accountId: (f) => f.accountId,
  region: (f) => f.region,
  id: (f) => f.id,
  type: (f) => f.type,
  severity: (f) => f.severity,
  updatedAt: (f) => Date.parse(f.updatedAt),
  createdAt: (f) => Date.parse(f.createdAt ?? ''),
  'service.archived': (f) => String((f.service as { archived?: boolean } | undefined)?.archived ?? false),
  'resource.resourceType': (f) => (f.resource as { resourceType?: string } | undefined)?.resourceType,
};

export class CriteriaError extends Error {}

function numberOf(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CriteriaError(`The condition ${name} needs a number`);
  return value;
}

function matches(value: unknown, condition: Condition): boolean {
  for (const [op, operand] of Object.entries(condition)) {
    const n = typeof value === 'number' ? value : Number.NaN;
    switch (op) {
      case 'eq':
      case 'equals':
        if (!(operand as unknown[]).map(String).includes(String(value))) return false;
        break;
      case 'neq':
      case 'notEquals':
        if ((operand as unknown[]).map(String).includes(String(value))) return false;
        break;
      case 'gt':
      case 'greaterThan':
        if (!(n > numberOf(operand, op))) return false;
        break;
      case 'gte':
      case 'greaterThanOrEqual':
        if (!(n >= numberOf(operand, op))) return false;
        break;
      case 'lt':
      case 'lessThan':
        if (!(n < numberOf(operand, op))) return false;
        break;
      case 'lte':
      case 'lessThanOrEqual':
        if (!(n <= numberOf(operand, op))) return false;
        break;
      default:
        throw new CriteriaError(`The condition ${op} is not supported`);
    }
  }
  return true;
}

/** A filter for the request's `findingCriteria.criterion`; BadRequest (CriteriaError) on an unknown attribute or condition. */
export function criteriaFilter(findingCriteria: unknown): (finding: GuardDutyFinding) => boolean {
  const criterion = ((findingCriteria ?? {}) as { criterion?: Record<string, Condition> }).criterion ?? {};
  const checks = Object.entries(criterion).map(([field, condition]) => {
    const read = FIELDS[field];
    if (!read) throw new CriteriaError(`The request is rejected because the criterion field ${field} is not supported`);
    return (finding: GuardDutyFinding) => matches(read(finding), condition);
  });
  return (finding) => checks.every((check) => check(finding));
}

/** Sorted by `sortCriteria` (default updatedAt ascending), ties by id so that pages are stable. */
export function sortFindings(findings: GuardDutyFinding[], sortCriteria: unknown): GuardDutyFinding[] {
  const { attributeName = 'updatedAt', orderBy = 'ASC' } = (sortCriteria ?? {}) as { attributeName?: string; orderBy?: string };
  const read = FIELDS[attributeName];
  if (!read) throw new CriteriaError(`The request is rejected because the sort attribute ${attributeName} is not supported`);
  const sign = orderBy === 'DESC' ? -1 : 1;
  return findings.sort((a, b) => {
    const x = read(a) as number | string;
    const y = read(b) as number | string;
    return (x < y ? -sign : x > y ? sign : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
