import { randomBytes } from 'node:crypto';

/** The resource the Logs Ingestion API takes tokens for (public cloud). */
export const MONITOR_RESOURCE = 'https://monitor.azure.com';

/**
 * Bearer tokens of the simulated tenant: those its token endpoint issued (each for one resource), minus
 * the revoked ones. The ingestion endpoint takes only tokens issued for Azure Monitor.
 */
export class Credentials {
  readonly #issued = new Map<string, string>();
  readonly #revoked = new Set<string>();
  /** Tokens the token endpoint issued, in order (what the vault asked for). */
  readonly issuedFor: string[] = [];

  issue(resource: string): string {
    const token = `sim-${this.issuedFor.length + 1}-${randomBytes(12).toString('hex')}`;
    this.#issued.set(token, resource);
    this.issuedFor.push(resource);
    return token;
  }

  revoke(token: string): void {
    this.#revoked.add(token);
  }

  /** Why the ingestion endpoint refuses `token`, or undefined when it takes it. */
  refusal(token: string | undefined): string | undefined {
    if (token === undefined) return 'no bearer token';
    const resource = this.#issued.get(token);
    if (resource === undefined) return 'the token was not issued by this tenant';
    if (this.#revoked.has(token)) return 'the token was revoked';
    if (resource !== MONITOR_RESOURCE) return `the token is for ${resource}, not ${MONITOR_RESOURCE}`;
    return undefined;
  }
}
