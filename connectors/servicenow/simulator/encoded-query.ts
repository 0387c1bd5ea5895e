import type { Row } from './instance-store.ts';
import { extendsTable } from './schema.ts';

/**
 * ServiceNow encoded queries, the subset integrations use (Table API sysparm_query,
 * https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html; operators as the list
 * filter writes them): conditions joined by ^ (AND), ^OR (OR with the previous condition), ^NQ (a new
 * query OR-ed with the others), ORDERBY / ORDERBYDESC clauses. A condition on a field the table does not
 * have is ignored, as the instance does (glide.invalid_query.returns_no_rows is false by default).
 */
const OPERATORS = ['NOT IN', 'NOT LIKE', 'ISNOTEMPTY', 'ISEMPTY', 'STARTSWITH', 'ENDSWITH', 'INSTANCEOF', 'LIKE', 'IN', '!=', '>=', '<=', '=', '>', '<'] as const;
type Operator = (typeof OPERATORS)[number];

interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

export interface EncodedQuery {
  /** OR of groups; a group is an AND of alternatives; an alternative is an OR of conditions. */
  readonly queries: readonly (readonly (readonly Condition[])[])[];
  readonly orderBy: readonly { readonly field: string; readonly descending: boolean }[];
}

function parseCondition(text: string): Condition | undefined {
  const field = /^[a-z_][a-z0-9_.]*/.exec(text)?.[0];
  if (!field) return undefined;
  const rest = text.slice(field.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  return operator ? { field, operator, value: rest.slice(operator.length) } : undefined;
}

/** Parses sysparm_query. Unparseable conditions are dropped (the instance ignores invalid parts). */
export function parseEncodedQuery(text: string): EncodedQuery {
  const orderBy: { field: string; descending: boolean }[] = [];
  const queries = text.split('^NQ').map((query) => {
    const groups: Condition[][] = [];
    for (const part of query.split(/\^(?!OR(?!DERBY))/)) {
      if (part === '') continue;
      if (part.startsWith('ORDERBYDESC')) orderBy.push({ field: part.slice(11), descending: true });
      else if (part.startsWith('ORDERBY')) orderBy.push({ field: part.slice(7), descending: false });
      else {
        const alternatives = part.split('^OR').map(parseCondition).filter((c): c is Condition => c !== undefined);
        if (alternatives.length > 0) groups.push(alternatives);
      }
    }
    return groups;
  });
  return { queries, orderBy };
}

const numeric = (a: string, b: string) => /^-?\d+$/.test(a) && /^-?\d+$/.test(b);

function compare(a: string, b: string): number {
  if (numeric(a, b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function holds(row: Row, condition: Condition): boolean {
  const actual = row[condition.field] ?? '';
  const { value } = condition;
  switch (condition.operator) {
    case '=': return actual === value;
    case '!=': return actual !== value;
    case '>': return actual !== '' && compare(actual, value) > 0;
    case '>=': return actual !== '' && compare(actual, value) >= 0;
    case '<': return actual !== '' && compare(actual, value) < 0;
    case '<=': return actual !== '' && compare(actual, value) <= 0;
    case 'LIKE': return actual.toLowerCase().includes(value.toLowerCase());
    case 'NOT LIKE': return !actual.toLowerCase().includes(value.toLowerCase());
    case 'STARTSWITH': return actual.toLowerCase().startsWith(value.toLowerCase());
    case 'ENDSWITH': return actual.toLowerCase().endsWith(value.toLowerCase());
    case 'IN': return value.split(',').includes(actual);
    case 'NOT IN': return !value.split(',').includes(actual);
    case 'ISEMPTY': return actual === '';
    case 'ISNOTEMPTY': return actual !== '';
    case 'INSTANCEOF': return extendsTable(actual, value);
  }
}

/** Whether a row matches; conditions on fields the table lacks (`known` says which it has) are ignored. */
export function matches(row: Row, query: EncodedQuery, known: (field: string) => boolean): boolean {
  if (query.queries.every((groups) => groups.length === 0)) return true;
  return query.queries.some((groups) =>
    groups.every((alternatives) => {
      const valid = alternatives.filter((c) => known(c.field));
      return valid.length === 0 || valid.some((c) => holds(row, c));
    }),
  );
}

/** Sorts rows by the ORDERBY clauses (stable: ties keep their order). */
export function ordered(rows: readonly Row[], query: EncodedQuery): Row[] {
  return [...rows].sort((a, b) => {
    for (const { field, descending } of query.orderBy) {
      const c = compare(a[field] ?? '', b[field] ?? '');
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
}
