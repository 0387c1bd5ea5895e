/**
 * Bearer tokens the simulated APIs accept: any token not revoked (the conformance suite brings its own),
 * and the ones the simulated token endpoint issued, whose resource is remembered. A revoked token (the
 * suite's "unauthorized-once") gets 401 until a fresh one arrives.
 */
export class Credentials {
  readonly #issued = new Map<string, string>();
  readonly #revoked = new Set<string>();
  #serial = 0;

  issue(resource: string): string {
    const token = `sim-${resource.includes('graph') ? 'graph' : 'mde'}-${++this.#serial}-${Math.random().toString(36).slice(2, 10)}`;
    this.#issued.set(token, resource);
    return token;
  }

  revoke(token: string): void {
    this.#revoked.add(token);
  }

  /** With `resource`, a token this simulator issued must be for that resource (Entra ID tokens carry one audience). */
  accepts(token: string | undefined, resource?: string): token is string {
    if (token === undefined || this.#revoked.has(token)) return false;
    const issuedFor = this.#issued.get(token);
    return resource === undefined || issuedFor === undefined || issuedFor === resource;
  }

  /** The resource a token was issued for, if the simulator issued it. */
  resourceOf(token: string): string | undefined {
    return this.#issued.get(token);
  }
}
