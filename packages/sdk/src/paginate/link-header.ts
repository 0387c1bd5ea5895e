/** One link of an RFC 8288 `Link` header. */
export interface LinkValue {
  /** Absolute URL (relative targets are resolved against the base). */
  readonly url: string;
  /** Relation types, lowercase: `rel="prev next"` gives ['prev', 'next']. */
  readonly rel: readonly string[];
  /** Parameters by lowercase name; the first occurrence of a name wins. */
  readonly params: Readonly<Record<string, string>>;
}

const WHITESPACE = new Set([' ', '\t']);

class Scanner {
  readonly text: string;
  at = 0;

  constructor(text: string) {
    this.text = text;
  }

  peek(): string | undefined {
    return this.text[this.at];
  }

  skipWhitespace(): void {
    while (WHITESPACE.has(this.peek() ?? '')) this.at += 1;
  }

  /** Reads up to (not including) any of `stops`. */
  readUntil(stops: string): string {
    const start = this.at;
    for (let char = this.peek(); char !== undefined && !stops.includes(char); char = this.peek()) this.at += 1;
    return this.text.slice(start, this.at);
  }

  /** Reads a quoted-string starting at the opening quote, undoing backslash escapes. */
  readQuoted(): string {
    let value = '';
    this.at += 1;
    while (this.peek() !== undefined && this.peek() !== '"') {
      if (this.peek() === '\\' && this.at + 1 < this.text.length) this.at += 1;
      value += this.peek();
      this.at += 1;
    }
    this.at += 1;
    return value;
  }

  /** Skips to just past the next comma outside a quoted string (recovery from malformed input). */
  skipPastComma(): void {
    while (this.peek() !== undefined && this.peek() !== ',') {
      if (this.peek() === '"') this.readQuoted();
      else this.at += 1;
    }
    this.at += 1;
  }
}

function readParams(scanner: Scanner): Record<string, string> {
  const params: Record<string, string> = {};
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.peek() === undefined) return params;
    if (scanner.peek() === ',') {
      scanner.at += 1;
      return params;
    }
    if (scanner.peek() !== ';') {
      scanner.skipPastComma();
      return params;
    }
    scanner.at += 1;
    scanner.skipWhitespace();
    const name = scanner.readUntil('=;, \t').toLowerCase();
    scanner.skipWhitespace();
    let value = '';
    if (scanner.peek() === '=') {
      scanner.at += 1;
      scanner.skipWhitespace();
      value = scanner.peek() === '"' ? scanner.readQuoted() : scanner.readUntil(';, \t');
    }
    if (name !== '' && !Object.hasOwn(params, name)) params[name] = value;
  }
}

function resolve(target: string, base: string | undefined): string | undefined {
  if (URL.canParse(target, base)) return new URL(target, base).href;
  return undefined;
}

/**
 * Parses a `Link` header (RFC 8288 §3), leniently: commas and semicolons inside `<...>` and quoted
 * values, several headers joined by commas, any case of parameter names and relation types, optional
 * whitespace around `=`. Links that cannot be resolved to a URL, or lack `<...>`, are skipped.
 */
export function parseLinkHeader(header: string | null | undefined, base?: string): LinkValue[] {
  if (header === null || header === undefined) return [];
  const scanner = new Scanner(header);
  const links: LinkValue[] = [];
  for (;;) {
    scanner.skipWhitespace();
    while (scanner.peek() === ',') {
      scanner.at += 1;
      scanner.skipWhitespace();
    }
    if (scanner.peek() === undefined) return links;
    if (scanner.peek() !== '<') {
      scanner.skipPastComma();
      continue;
    }
    scanner.at += 1;
    const target = scanner.readUntil('>').trim();
    if (scanner.peek() !== '>') return links;
    scanner.at += 1;
    const params = readParams(scanner);
    const url = resolve(target, base);
    const rel = (params['rel'] ?? '').toLowerCase().split(/\s+/).filter((type) => type !== '');
    if (url !== undefined) links.push({ url, rel, params });
  }
}

/** The URL of the first link with relation `rel` (case-insensitive), if any. */
export function findLink(header: string | null | undefined, rel: string, base?: string): string | undefined {
  const wanted = rel.toLowerCase();
  return parseLinkHeader(header, base).find((link) => link.rel.includes(wanted))?.url;
}
