import type { Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface TokenRequest {
  /** The audience or scope the token is for, when the API needs one per host (Microsoft Graph vs Defender). */
  readonly audience?: string;
  /** True after the vendor answered 401 with the current token: get a new one, do not serve it from cache. */
  readonly forceRefresh: boolean;
}

export interface OAuth2AuthOptions {
  /**
   * Supplied by the engine, which holds the credentials: client credentials, authorization code with
   * refresh, or a JWT bearer grant all look the same from here. The engine caches tokens until they expire.
   */
  readonly getToken: (request: TokenRequest) => Promise<Secret>;
  /** Chooses the audience (or scope) for a URL; undefined uses the default token. */
  readonly audienceFor?: (url: URL) => string | undefined;
  /** Default `Bearer`. */
  readonly scheme?: string;
}

/**
 * Bearer tokens from the engine. After a 401 it asks once for a fresh token (concurrent 401s for the
 * same audience share one refresh) and the client retries once.
 */
export function oauth2Auth(options: OAuth2AuthOptions): AuthApplier {
  const scheme = options.scheme ?? 'Bearer';
  const refreshing = new Map<string, Promise<boolean>>();
  return {
    async apply(request) {
      const audience = options.audienceFor?.(request.url);
      const token = await options.getToken(audience === undefined ? { forceRefresh: false } : { audience, forceRefresh: false });
      request.headers['authorization'] = `${scheme} ${token.reveal()}`;
    },
    onUnauthorized(request) {
      const audience = options.audienceFor?.(request.url);
      const key = audience ?? '';
      const pending = refreshing.get(key);
      if (pending) return pending;
      const refresh = options
        .getToken(audience === undefined ? { forceRefresh: true } : { audience, forceRefresh: true })
        .then(() => true)
        .finally(() => refreshing.delete(key));
      refreshing.set(key, refresh);
      return refresh;
    },
  };
}
