/** A row as the endpoint stored it, with the call it came in. */
export interface StoredRow {
  readonly row: Readonly<Record<string, unknown>>;
  /** The x-ms-client-request-id of its call, when the client sent one. */
  readonly requestId: string | undefined;
}

/**
 * The data collection rules an endpoint serves, each with its input streams, and every row accepted per
 * rule and stream in arrival order (what would reach the workspace's table). Application permissions the
 * app registration lacks on a rule are in `denied`.
 */
export class Workspace {
  readonly #rules = new Map<string, Set<string>>();
  readonly #rows = new Map<string, StoredRow[]>();
  /** Rules whose Monitoring Metrics Publisher role the app registration lacks. */
  readonly denied = new Set<string>();

  constructor(rules: Readonly<Record<string, readonly string[]>>) {
    for (const [rule, streams] of Object.entries(rules)) this.#rules.set(rule, new Set(streams));
  }

  /** Immutable ids are case-insensitive; stream names are not. */
  hasRule(rule: string): boolean {
    return this.#rules.has(rule.toLowerCase());
  }

  hasStream(rule: string, stream: string): boolean {
    return this.#rules.get(rule.toLowerCase())?.has(stream) ?? false;
  }

  store(rule: string, stream: string, rows: readonly Readonly<Record<string, unknown>>[], requestId: string | undefined): void {
    const key = `${rule.toLowerCase()}/${stream}`;
    const stored = this.#rows.get(key) ?? [];
    for (const row of rows) stored.push({ row, requestId });
    this.#rows.set(key, stored);
  }

  rows(rule: string, stream: string): readonly StoredRow[] {
    return this.#rows.get(`${rule.toLowerCase()}/${stream}`) ?? [];
  }
}
