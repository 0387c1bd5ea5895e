/**
 * Host patterns for `allowedHosts`: an exact host (`api.crowdstrike.com`) or a wildcard for any
 * subdomain (`*.okta.com`: `acme.okta.com`, `a.b.okta.com`, never `okta.com` itself). Lowercase, no
 * scheme, port or path; a wildcard needs at least two labels after it, so `*.com` is refused.
 */
import { compileHostPatterns } from '../http/host-patterns.ts';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PATTERN = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})+$`);

export function isHostPattern(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && HOST_PATTERN.test(value) && !/^[\d.]+$/.test(value);
}

/** Whether `host` (a hostname, any case, no port) is allowed by `pattern`: the same rule the SSRF guard applies. */
export function hostMatches(pattern: string, host: string): boolean {
  return compileHostPatterns([pattern])(host);
}

/** A host taken from a URL in the instance's config (self-hosted products: `{ fromConfig: 'base_url' }`). */
export interface HostFromConfig {
  readonly fromConfig: string;
}

export type AllowedHost = string | HostFromConfig;

/**
 * The host patterns an instance may call: the declared patterns plus the hosts of the URLs in the
 * config fields named by `fromConfig` entries (a URL's host, or a bare host name or address). Other values are ignored.
 */
export function resolveAllowedHosts(allowed: readonly AllowedHost[], config: Readonly<Record<string, unknown>>): string[] {
  const hosts = allowed.flatMap((entry) => {
    if (typeof entry === 'string') return [entry];
    const value = config[entry.fromConfig];
    if (typeof value !== 'string') return [];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return URL.canParse(value) ? [new URL(value).hostname.toLowerCase()] : [];
    // A bare host name or address (a syslog receiver's `host`).
    const bare = value.includes(':') && !value.startsWith('[') ? `[${value}]` : value;
    return !/[/?#@\s]/.test(value) && URL.canParse(`https://${bare}/`) ? [new URL(`https://${bare}/`).hostname.toLowerCase()] : [];
  });
  return [...new Set(hosts)];
}
