/** Where a ListFindings listing goes on: after this (updatedAt, id) of the request's sorted results. */
export interface TokenState {
  readonly after: readonly [string, string];
  readonly serial: number;
}

/**
 * Opaque `nextToken`s, expirable: GuardDuty rejects a page token it no longer accepts with
 * BadRequestException, which the simulator reproduces on demand.
 */
export class PageTokens {
  #serial = 0;
  readonly #expired = new Set<number>();

  issue(after: readonly [string, string]): string {
    return Buffer.from(JSON.stringify({ after, serial: ++this.#serial }), 'utf8').toString('base64url');
  }

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
