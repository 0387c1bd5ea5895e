import type { Secret } from '@patchbay/types';
import type { PreparedRequest } from '../prepared-request.ts';

/** Client certificate material for mutual TLS, handed to the default transport's connection pool. */
export interface ClientTls {
  readonly cert: Secret;
  readonly key: Secret;
  readonly ca?: Secret;
  readonly passphrase?: Secret;
}

/**
 * Adds credentials to a request. `apply` runs on a fresh copy for every attempt (signatures and tokens
 * change). `onUnauthorized` runs once after a 401: it refreshes and returns true when a retry may help.
 */
export interface AuthApplier {
  apply(request: PreparedRequest): Promise<void> | void;
  onUnauthorized?(request: PreparedRequest): Promise<boolean>;
  readonly tls?: ClientTls;
}
