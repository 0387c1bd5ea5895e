import type { Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface BearerAuthOptions {
  readonly token: Secret;
  /** Default `Bearer`. */
  readonly scheme?: string;
}

export function bearerAuth(options: BearerAuthOptions): AuthApplier {
  const scheme = options.scheme ?? 'Bearer';
  return {
    apply(request) {
      request.headers['authorization'] = `${scheme} ${options.token.reveal()}`;
    },
  };
}
