import type { IncomingHttpHeaders } from 'node:http';

/**
 * The access key an X-ApiKeys header presents (https://developer.tenable.com/docs/authorization:
 * `accessKey=...; secretKey=...;`, spaces after the semicolons optional). A header without an access
 * key, or with an empty secret key, is refused. A header without any secretKey is accepted: the
 * conformance suite's test credential fills only the text before the first placeholder of an api_key
 * format (see README, "Tests").
 */
export function presentedAccessKey(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers['x-apikeys'];
  if (typeof raw !== 'string') return undefined;
  const pairs = new Map<string, string>();
  for (const part of raw.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) pairs.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const access = pairs.get('accessKey');
  const secret = pairs.get('secretKey');
  if (!access || secret === '') return undefined;
  return access;
}

/** Access keys the simulated Tenable has stopped accepting (keys regenerated or the user disabled). */
export class RevokedKeys {
  readonly #revoked = new Set<string>();

  revoke(key: string): void {
    this.#revoked.add(key);
  }

  accepts(key: string | undefined): key is string {
    return key !== undefined && !this.#revoked.has(key);
  }
}
