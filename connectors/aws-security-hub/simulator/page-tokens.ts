/** Where a GetFindings listing goes on: after this (UpdatedAt, Id), for this request's filters and sort. */
export interface TokenState {
  readonly after: readonly [string, string];
  readonly query: string;
  readonly serial: number;
}

/** Opaque NextTokens bound to the request that produced them; the simulator can expire them. */
export class PageTokens {
  #serial = 0;
  readonly #expired = new Set<number>();

  issue(after: readonly [string, string], query: string): string {
    const state: TokenState = { after, query, serial: ++this.#serial };
    return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  }

  read(token: string): TokenState | undefined {
    try {
      const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenState;
      return Array.isArray(state.after) && typeof state.serial === 'number' && typeof state.query === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  expire(state: TokenState): void {
    this.#expired.add(state.serial);
  }

  isExpired(state: TokenState): boolean {
    return this.#expired.has(state.serial);
  }
}
