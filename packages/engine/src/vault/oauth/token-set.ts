import type { Secret } from '@patchbay/types';

/** What a grant yields, secrets wrapped. */
export interface TokenSet {
  readonly accessToken: Secret;
  readonly tokenType: string;
  readonly scope: string | undefined;
  readonly obtainedAt: Date;
  readonly expiresAt: Date;
  /** A new refresh token when the server issued (or rotated) one. */
  readonly refreshToken: Secret | undefined;
}
