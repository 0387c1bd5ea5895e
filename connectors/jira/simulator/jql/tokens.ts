import { JqlError } from './jql-error.ts';

/** A JQL token: a bare word, a quoted string (unescaped), or an operator or punctuation symbol. */
export interface Token {
  readonly text: string;
  readonly kind: 'word' | 'string' | 'symbol';
  readonly at: number;
}

/** Two-character operators first, so `!=` is one token. */
const SYMBOLS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~', '(', ')', ','];

export function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < jql.length && jql[j] !== c; j += 1) value += jql[j] === '\\' ? jql[++j] ?? '' : jql[j];
      if (j >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string '${value}' has not been completed. (line 1, character ${i + 1})`);
      tokens.push({ text: value, kind: 'string', at: i });
      i = j + 1;
    } else {
      const symbol = SYMBOLS.find((s) => jql.startsWith(s, i));
      if (symbol) {
        tokens.push({ text: symbol, kind: 'symbol', at: i });
        i += symbol.length;
      } else {
        const word = /^[^\s()"',=!<>~]+/.exec(jql.slice(i))![0];
        tokens.push({ text: word, kind: 'word', at: i });
        i += word.length;
      }
    }
  }
  return tokens;
}
