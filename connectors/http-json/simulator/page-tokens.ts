/** Where a cursor-paged listing goes on: after this (updated_at, id), for these filters. */
export interface TokenState {
  readonly after: readonly [string, string];
  readonly serial: number;
}

/** Opaque page tokens that the simulated API can expire, as real APIs do after a while. */
export class PageTokens {
  #serial = 0;
  readonly #expired = new Set<number>();

  issue(after: readonly [string, string]): string {
    const state: TokenState = { after, serial: ++this.#serial };
    return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  }

  /** The token's state; undefined when it is not one of ours. */
  read(token: string): TokenState | undefined {
    try {
      const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenState;
      return Array.isArray(state.after) && typeof state.serial === 'number' ? state : undefined;
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
