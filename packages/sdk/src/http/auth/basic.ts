import type { Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface BasicAuthOptions {
  readonly username: string;
  readonly password: Secret;
}

export function basicAuth(options: BasicAuthOptions): AuthApplier {
  return {
    apply(request) {
      const pair = `${options.username}:${options.password.reveal()}`;
      request.headers['authorization'] = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    },
  };
}
