import type { Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface ClientCertificateOptions {
  /** PEM certificate (chain) presented to the vendor. */
  readonly cert: Secret;
  /** PEM private key. */
  readonly key: Secret;
  /** PEM CA bundle to trust for the vendor's server certificate, when it is not publicly trusted. */
  readonly ca?: Secret;
  readonly passphrase?: Secret;
}

/**
 * Mutual TLS. Adds nothing to the request itself: the default transport builds its connection pool
 * with this certificate. Combine with another applier (`combineAuth`) when the API also wants a token.
 */
export function clientCertificate(options: ClientCertificateOptions): AuthApplier {
  return {
    apply() {},
    tls: options,
  };
}
