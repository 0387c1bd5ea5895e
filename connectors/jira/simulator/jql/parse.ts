import { JqlError } from './jql-error.ts';
import { tokenize, type Token } from './tokens.ts';

/**
 * A parser for the JQL the simulated site understands: clauses `field operator operand` joined by AND, OR,
 * NOT and parentheses, then ORDER BY (https://support.atlassian.com/jira-software-cloud/docs/jql-operators/,
 * .../jql-keywords/). Operands are quoted or bare strings, lists in parentheses, EMPTY/NULL and function
 * calls like currentUser(). Errors read like Jira's ("Error in the JQL Query: ... (line 1, character N)").
 */
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type Operand = { readonly type: 'value'; readonly value: string } | { readonly type: 'empty' } | { readonly type: 'function'; readonly name: string };

export interface Clause {
  readonly kind: 'clause';
  readonly field: string;
  readonly operator: Operator;
  readonly operands: readonly Operand[];
}

export type JqlNode = Clause | { readonly kind: 'and'; readonly items: readonly JqlNode[] } | { readonly kind: 'or'; readonly items: readonly JqlNode[] } | { readonly kind: 'not'; readonly item: JqlNode };

export interface JqlQuery {
  readonly where?: JqlNode;
  readonly orderBy: readonly { readonly field: string; readonly descending: boolean }[];
}

export { JqlError };

class Parser {
  readonly #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #peek(offset = 0): Token | undefined {
    return this.#tokens[this.#at + offset];
  }

  #keyword(word: string, offset = 0): boolean {
    const t = this.#peek(offset);
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  #fail(expecting: string, detail = ''): never {
    const t = this.#peek();
    throw new JqlError(t ? `Error in the JQL Query: Expecting ${expecting} but got '${t.text}'.${detail} (line 1, character ${t.at + 1})` : `Error in the JQL Query: Expecting ${expecting} before the end of the query.${detail}`);
  }

  #next(): Token {
    const t = this.#peek();
    if (!t) this.#fail('more of the query');
    this.#at += 1;
    return t;
  }

  #symbol(text: string): boolean {
    if (this.#peek()?.kind === 'symbol' && this.#peek()!.text === text) {
      this.#at += 1;
      return true;
    }
    return false;
  }

  query(): JqlQuery {
    const where = this.#peek() && !this.#keyword('order') ? this.#or() : undefined;
    const orderBy: { field: string; descending: boolean }[] = [];
    if (this.#keyword('order')) {
      this.#at += 1;
      if (!this.#keyword('by')) this.#fail("'by'");
      this.#at += 1;
      do {
        const field = this.#next();
        if (field.kind === 'symbol') this.#fail('a field name');
        const descending = this.#keyword('desc');
        if (descending || this.#keyword('asc')) this.#at += 1;
        orderBy.push({ field: field.text.toLowerCase(), descending });
      } while (this.#symbol(','));
    }
    if (this.#peek()) this.#fail("either 'AND', 'OR' or 'ORDER BY'");
    return { ...(where ? { where } : {}), orderBy };
  }

  #or(): JqlNode {
    const items = [this.#and()];
    while (this.#keyword('or')) {
      this.#at += 1;
      items.push(this.#and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  #and(): JqlNode {
    const items = [this.#not()];
    while (this.#keyword('and')) {
      this.#at += 1;
      items.push(this.#not());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  #not(): JqlNode {
    if (this.#keyword('not')) {
      this.#at += 1;
      return { kind: 'not', item: this.#not() };
    }
    if (this.#symbol('(')) {
      const inner = this.#or();
      if (!this.#symbol(')')) this.#fail("')'");
      return inner;
    }
    return this.#clause();
  }

  #operator(): Operator {
    const t = this.#peek();
    if (t?.kind === 'symbol' && ['=', '!=', '>', '>=', '<', '<=', '~', '!~'].includes(t.text)) {
      this.#at += 1;
      return t.text as Operator;
    }
    if (this.#keyword('in')) {
      this.#at += 1;
      return 'in';
    }
    if (this.#keyword('not') && this.#keyword('in', 1)) {
      this.#at += 2;
      return 'not in';
    }
    if (this.#keyword('is')) {
      this.#at += 1;
      if (this.#keyword('not')) {
        this.#at += 1;
        return 'is not';
      }
      return 'is';
    }
    return this.#fail('operator', " The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.");
  }

  #operand(): Operand {
    const t = this.#next();
    if (t.kind === 'symbol') this.#fail('either a value, list or function');
    if (t.kind === 'word' && (t.text.toLowerCase() === 'empty' || t.text.toLowerCase() === 'null')) return { type: 'empty' };
    if (t.kind === 'word' && this.#symbol('(')) {
      if (!this.#symbol(')')) this.#fail("')'");
      return { type: 'function', name: t.text.toLowerCase() };
    }
    return { type: 'value', value: t.text };
  }

  #clause(): Clause {
    const field = this.#next();
    if (field.kind === 'symbol') this.#fail('a field name');
    const operator = this.#operator();
    const operands: Operand[] = [];
    if (operator === 'in' || operator === 'not in') {
      if (!this.#symbol('(')) this.#fail("'('");
      do operands.push(this.#operand());
      while (this.#symbol(','));
      if (!this.#symbol(')')) this.#fail("')'");
    } else {
      operands.push(this.#operand());
    }
    return { kind: 'clause', field: field.text.toLowerCase(), operator, operands };
  }
}

/** Parses a JQL query; throws JqlError with Jira's wording when it is not valid. */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).query();
}
