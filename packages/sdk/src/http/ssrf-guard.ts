import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { PatchbayError } from '@patchbay/types';
import { compileHostPatterns, normalizeHost } from './host-patterns.ts';
import { isNonPublicAddress } from './ip-ranges.ts';

/** Resolves a host name to every address it has (the default is `dns.lookup` with `all: true`). */
export type Resolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

export interface SsrfGuardOptions {
  /** Patterns as in `compileHostPatterns` (`api.okta.com`, `*.okta.com`). */
  readonly allowedHosts?: readonly string[];
  /** The instance's configured base URL: its host is always allowed. */
  readonly baseUrl?: URL;
  /** The instance setting `allow_private_network`, set by an administrator. Never on globally. */
  readonly allowPrivateNetwork: boolean;
  readonly resolve?: Resolver;
}

const defaultResolve: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function isLocalhostName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain';
}

/**
 * Decides which URLs a connector may reach. `check` runs before every request and every redirect hop
 * (scheme, allowed host, literal addresses); `lookup` plugs into the connection pool so the address
 * actually connected to is checked too, which defeats DNS rebinding.
 */
export class SsrfGuard {
  readonly #allowed: (host: string) => boolean;
  readonly #baseHost: string | undefined;
  readonly #allowPrivate: boolean;
  readonly #resolve: Resolver;

  constructor(options: SsrfGuardOptions) {
    this.#allowed = compileHostPatterns(options.allowedHosts ?? []);
    this.#baseHost = options.baseUrl ? normalizeHost(options.baseUrl.hostname) : undefined;
    this.#allowPrivate = options.allowPrivateNetwork;
    this.#resolve = options.resolve ?? defaultResolve;
  }

  get allowsPrivateNetwork(): boolean {
    return this.#allowPrivate;
  }

  /** Scheme, embedded credentials, allowed host and literal private addresses. No DNS. */
  check(url: URL): void {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PatchbayError('HOST_NOT_ALLOWED', { message: `The scheme ${url.protocol} is not allowed; use https or http` });
    }
    const host = normalizeHost(url.hostname);
    if (url.username || url.password) {
      throw new PatchbayError('HOST_NOT_ALLOWED', {
        message: `The URL for ${host} has credentials in it`,
        hint: 'Pass credentials through the instance credentials, not inside the URL.',
      });
    }
    if (host !== this.#baseHost && !this.#allowed(host)) {
      throw new PatchbayError('HOST_NOT_ALLOWED', {
        message: `The connector may not call ${host}: it is neither the base URL's host nor one of its allowed hosts`,
        hint: "Fix the instance's base URL, or add the host to the connector's allowed hosts.",
        details: { host },
      });
    }
    if (this.#allowPrivate) return;
    if ((isIP(host) !== 0 && isNonPublicAddress(host)) || isLocalhostName(host)) throw this.#blocked(host, host);
  }

  /** Resolves the host and checks every address: for transports that cannot check at connect time. */
  async checkResolved(hostname: string): Promise<void> {
    if (this.#allowPrivate || isIP(normalizeHost(hostname)) !== 0) return;
    for (const { address } of await this.#resolve(hostname)) {
      if (isNonPublicAddress(address)) throw this.#blocked(hostname, address);
    }
  }

  /** A `net.connect` lookup: refuses when any address the name resolves to is not public. */
  readonly lookup = (hostname: string, options: LookupOptions | number | undefined, callback: LookupCallback): void => {
    const family = typeof options === 'number' ? options : (options?.family ?? 0);
    const all = typeof options === 'object' && options.all === true;
    this.#resolve(hostname).then(
      (resolved) => {
        const wanted = family === 4 || family === 6 ? resolved.filter((a) => a.family === family) : [...resolved];
        const bad = this.#allowPrivate ? undefined : wanted.find((a) => isNonPublicAddress(a.address));
        const first = wanted[0];
        if (bad) callback(this.#blocked(hostname, bad.address), '');
        else if (!first) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
        else if (all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, ''),
    );
  };

  #blocked(host: string, address: string): PatchbayError {
    const resolvedNote = host === address ? '' : ` (it resolves to ${address})`;
    return new PatchbayError('PRIVATE_NETWORK_BLOCKED', {
      message: `The connector may not call ${host}${resolvedNote}: loopback, link-local and private addresses are blocked`,
      hint: 'An administrator can allow private network access for this instance (allow_private_network).',
      details: { host, address },
    });
  }
}
