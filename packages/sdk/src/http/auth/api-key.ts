import type { Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface ApiKeyAuthOptions {
  readonly in: 'header' | 'query';
  /** Header or query parameter name (`X-API-Key`, `Authorization`, `api_key`). */
  readonly name: string;
  readonly value: Secret;
  /** Put before the key as it is, space included (`SSWS ` for Okta, `Token `). */
  readonly prefix?: string;
}

export function apiKeyAuth(options: ApiKeyAuthOptions): AuthApplier {
  const prefix = options.prefix ?? '';
  if (options.in === 'header') {
    const name = options.name.toLowerCase();
    return {
      apply(request) {
        request.headers[name] = prefix + options.value.reveal();
      },
    };
  }
  return {
    apply(request) {
      request.url.searchParams.set(options.name, prefix + options.value.reveal());
    },
  };
}
