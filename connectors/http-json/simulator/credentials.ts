import type { IncomingHttpHeaders } from 'node:http';

/**
 * The credential a request presents, in any of the forms the simulated API accepts: an Authorization
 * header (Bearer or Basic), an X-API-Key header, or an `api_key` query parameter.
 */
export function presentedCredential(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^(Bearer|Basic) \S+$/.test(authorization)) return authorization;
  const key = headers['x-api-key'];
  if (typeof key === 'string' && key !== '') return `key ${key}`;
  const param = query.get('api_key');
  return param ? `key ${param}` : undefined;
}

/** Credentials the simulated API has stopped accepting (a token revoked or expired at the vendor). */
export class Revocations {
  readonly #revoked = new Set<string>();

  revoke(credential: string): void {
    this.#revoked.add(credential);
  }

  accepts(credential: string | undefined): credential is string {
    return credential !== undefined && !this.#revoked.has(credential);
  }
}
