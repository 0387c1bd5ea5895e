import type { Clock } from '@patchbay/types';

/** Where a listing goes on: after this sort key, for the listing it was issued for. */
export interface TokenState {
  readonly listing: string;
  readonly after: readonly string[];
  readonly serial: number;
  readonly issuedAt: number;
}

/**
 * Opaque continuation tokens (the scroll `offset` pointer, Spotlight's `after`). The scroll pointer expires
 * two minutes after it is handed out, as documented for devices-scroll; the suite can expire any token.
 */
export class PageTokens {
  readonly #clock: Clock;
  #serial = 0;
  readonly #expired = new Set<number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  issue(listing: string, after: readonly string[]): string {
    const state: TokenState = { listing, after, serial: ++this.#serial, issuedAt: this.#clock.now().getTime() };
    return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  }

  /** The token's state; undefined when it is not one of ours or belongs to another listing. */
  read(token: string, listing: string): TokenState | undefined {
    try {
      const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as TokenState;
      return state.listing === listing && Array.isArray(state.after) && typeof state.serial === 'number' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** Epoch ms at which a token issued now stops being accepted. */
  expiresAt(lifetimeMs: number): number {
    return this.#clock.now().getTime() + lifetimeMs;
  }

  expire(state: TokenState): void {
    this.#expired.add(state.serial);
  }

  isExpired(state: TokenState, lifetimeMs: number | undefined): boolean {
    return this.#expired.has(state.serial) || (lifetimeMs !== undefined && this.#clock.now().getTime() - state.issuedAt > lifetimeMs);
  }
}
