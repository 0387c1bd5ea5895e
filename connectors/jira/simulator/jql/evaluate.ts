import { CATEGORIES, PRIORITIES, STATUSES, type SiteUser } from '../site-data.ts';
import { PROJECT, type StoredIssue } from '../stored-issue.ts';
import { dateOf } from './dates.ts';
import { JqlError, type Clause, type JqlNode, type JqlQuery, type Operand } from './parse.ts';

export interface JqlContext {
  /** The searching account's time zone: JQL dates are read in it. */
  readonly timeZone: string;
  readonly nowMs: number;
  readonly me: SiteUser;
}

const DATE_FIELDS: Readonly<Record<string, (i: StoredIssue) => number | null>> = {
  updated: (i) => i.updated,
  updateddate: (i) => i.updated,
  created: (i) => i.created,
  createddate: (i) => i.created,
  resolved: (i) => i.resolutionDate,
  resolutiondate: (i) => i.resolutionDate,
};

/** The values of a field on an issue (lower-cased), for the equality and list operators. */
function valuesOf(field: string, issue: StoredIssue, ctx: JqlContext): (string | undefined)[] {
  const lower = (v: string | null | undefined) => (v === null || v === undefined ? undefined : v.toLowerCase());
  switch (field) {
    case 'project':
      return [lower(issue.project), PROJECT.id, lower(PROJECT.name)];
    case 'key':
    case 'issuekey':
    case 'id':
      return [lower(issue.key), issue.id];
    case 'status':
      return [lower(issue.status), STATUSES.find((s) => s.name === issue.status)?.id];
    case 'statuscategory': {
      const category = CATEGORIES[STATUSES.find((s) => s.name === issue.status)?.category ?? 'new'];
      return [category.key, lower(category.name), String(category.id)];
    }
    case 'priority':
      return [lower(issue.priority)];
    case 'issuetype':
    case 'type':
      return [lower(issue.issueType)];
    case 'resolution':
      return [lower(issue.resolution)];
    case 'assignee':
      return [lower(issue.assignee?.accountId), issue.assignee && issue.assignee.accountId === ctx.me.accountId ? 'currentuser()' : undefined];
    case 'reporter':
      return [lower(issue.reporter.accountId), issue.reporter.accountId === ctx.me.accountId ? 'currentuser()' : undefined];
    case 'labels':
      return issue.labels.map((l) => l.toLowerCase());
    default: {
      const custom = /^cf\[(\d+)\]$/.exec(field);
      if (custom) {
        const value = issue.custom[`customfield_${custom[1]}`];
        return value === undefined || value === null ? [] : [String(value).toLowerCase()];
      }
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
    }
  }
}

function operandText(operand: Operand): string | undefined {
  if (operand.type === 'value') return operand.value.toLowerCase();
  if (operand.type === 'function') return `${operand.name}()`;
  return undefined;
}

function checkKnownValue(clause: Clause): void {
  for (const operand of clause.operands) {
    if (operand.type !== 'value') continue;
    const v = operand.value.toLowerCase();
    const known =
      clause.field === 'project' ? [PROJECT.key, PROJECT.id, PROJECT.name].some((p) => p.toLowerCase() === v)
      : clause.field === 'status' ? STATUSES.some((s) => s.name.toLowerCase() === v || s.id === v)
      : clause.field === 'priority' ? PRIORITIES.some((p) => p.name.toLowerCase() === v)
      : true;
    if (!known) throw new JqlError(`The value '${operand.value}' does not exist for the field '${clause.field}'.`);
  }
}

function text(issue: StoredIssue): string {
  return `${issue.summary} ${JSON.stringify(issue.description ?? '')}`.toLowerCase();
}

function matchClause(clause: Clause, issue: StoredIssue, ctx: JqlContext): boolean {
  const { field, operator, operands } = clause;
  if (field in DATE_FIELDS) {
    const value = DATE_FIELDS[field]!(issue);
    const at = dateOf(operands[0]!, field, ctx);
    if (operator === 'is' || operator === 'is not') return (value === null) === (operator === 'is');
    if (value === null || at === null) return false;
    switch (operator) {
      case '>=': return value >= at;
      case '>': return value > at;
      case '<=': return value <= at;
      case '<': return value < at;
      case '=': return value === at;
      case '!=': return value !== at;
      default: throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
    }
  }
  if (operator === '~' || operator === '!~') {
    if (!['summary', 'text', 'description'].includes(field)) throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
    const contains = text(issue).includes(operandText(operands[0]!) ?? '');
    return operator === '~' ? contains : !contains;
  }
  checkKnownValue(clause);
  const values = valuesOf(field, issue, ctx).filter((v): v is string => v !== undefined);
  if (operator === 'is' || operator === 'is not') return (values.length === 0) === (operator === 'is');
  const wanted = operands.map(operandText).filter((v): v is string => v !== undefined);
  const hit = wanted.some((w) => values.includes(w));
  if (operator === '=' || operator === 'in') return hit;
  if (operator === '!=' || operator === 'not in') return values.length > 0 && !hit;
  throw new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
}

export function matches(node: JqlNode, issue: StoredIssue, ctx: JqlContext): boolean {
  if (node.kind === 'and') return node.items.every((n) => matches(n, issue, ctx));
  if (node.kind === 'or') return node.items.some((n) => matches(n, issue, ctx));
  if (node.kind === 'not') return !matches(node.item, issue, ctx);
  return matchClause(node, issue, ctx);
}

function sortKey(field: string, issue: StoredIssue): number | string {
  if (field in DATE_FIELDS) return DATE_FIELDS[field]!(issue) ?? 0;
  if (field === 'key' || field === 'issuekey' || field === 'id') return issue.number;
  if (field === 'priority') return PRIORITIES.findIndex((p) => p.name === issue.priority);
  if (field === 'status') return issue.status;
  if (field === 'summary') return issue.summary;
  throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
}

const VALUE_FIELDS = new Set(['project', 'key', 'issuekey', 'id', 'status', 'statuscategory', 'priority', 'issuetype', 'type', 'resolution', 'assignee', 'reporter', 'labels']);
const TEXT_FIELDS = new Set(['summary', 'text', 'description']);
const SORT_FIELDS = new Set([...Object.keys(DATE_FIELDS), 'key', 'issuekey', 'id', 'priority', 'status', 'summary']);

/** Refuses what Jira refuses before it looks at any issue: unknown fields, values and dates. */
function check(node: JqlNode, ctx: JqlContext): void {
  if (node.kind === 'and' || node.kind === 'or') return node.items.forEach((n) => check(n, ctx));
  if (node.kind === 'not') return check(node.item, ctx);
  if (node.field in DATE_FIELDS) {
    node.operands.forEach((o) => dateOf(o, node.field, ctx));
    return;
  }
  if (!VALUE_FIELDS.has(node.field) && !TEXT_FIELDS.has(node.field) && !/^cf\[\d+\]$/.test(node.field)) {
    throw new JqlError(`Field '${node.field}' does not exist or you do not have permission to view it.`);
  }
  checkKnownValue(node);
}

/** The issues a query finds, in its ORDER BY (Jira's default without one: newest key first). */
export function runJql(query: JqlQuery, issues: Iterable<StoredIssue>, ctx: JqlContext): StoredIssue[] {
  if (query.where) check(query.where, ctx);
  for (const { field } of query.orderBy) if (!SORT_FIELDS.has(field)) throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  const found = [...issues].filter((issue) => (query.where ? matches(query.where, issue, ctx) : true));
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', descending: true }];
  return found.sort((a, b) => {
    for (const { field, descending } of order) {
      const x = sortKey(field, a);
      const y = sortKey(field, b);
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  });
}
