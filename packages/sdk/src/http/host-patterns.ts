import { isIP } from 'node:net';
import { PatchbayError } from '@patchbay/types';

/** Lower case, no trailing dot, no IPv6 brackets: the form hosts are compared in. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, '');
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  // IPv6 has many spellings (`::ffff:127.0.0.1` is `::ffff:7f00:1` in a URL): use the URL's.
  return isIP(bare) === 6 ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
}

function isValidHost(host: string): boolean {
  if (host.includes(':')) return isIP(host) === 6;
  return host !== '' && !/[*/?#@\s]/.test(host);
}

/**
 * Compiles allowed-host patterns: `api.okta.com` (exact), `*.okta.com` (any subdomain, at any depth, not
 * `okta.com` itself) and `*` (any host; the private-network rules still apply). Hosts only, no ports.
 */
export function compileHostPatterns(patterns: readonly string[]): (host: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const raw of patterns) {
    const pattern = normalizeHost(raw.trim());
    if (pattern === '*') any = true;
    else if (pattern.startsWith('*.') && !pattern.slice(2).includes('*')) suffixes.push(pattern.slice(1));
    else if (isValidHost(pattern)) exact.add(pattern);
    else {
      throw new PatchbayError('CONFIG_INVALID', {
        message: `"${raw}" is not a valid allowed-host pattern`,
        hint: 'Use a host name (api.example.com), a wildcard for subdomains (*.example.com) or an IP address, without scheme or port.',
      });
    }
  }
  return (host) => {
    if (any) return true;
    const h = normalizeHost(host);
    if (exact.has(h)) return true;
    for (const suffix of suffixes) if (h.endsWith(suffix)) return true;
    return false;
  };
}
