import type { SimUser } from './incident-rules.ts';
import type { InstanceStore } from './instance-store.ts';
import type { OAuthClient } from './token-endpoint.ts';

/** The roles the README asks the integration user (or the OAuth Application User) to have. */
export const INTEGRATION_ROLES = ['itil', 'cmdb_read'] as const;

/**
 * Who may call the simulated instance: users with passwords (basic authentication), OAuth clients and the
 * access tokens issued to them, tokens revoked after a 401 fault, and per-credential roles set by tests.
 * A bearer token the instance did not issue is accepted as the integration user: the conformance suite
 * hands its own tokens to the connector in place of the vault.
 */
export class Access {
  readonly users = new Map<string, { readonly password: string; readonly user: SimUser }>();
  readonly clients: OAuthClient[] = [];
  readonly #tokens = new Map<string, SimUser>();
  readonly #revoked = new Set<string>();
  readonly #roles = new Map<string, readonly string[]>();
  readonly #store: InstanceStore;
  #issued = 0;

  constructor(store: InstanceStore) {
    this.#store = store;
  }

  addUser(userName: string, displayName: string, password: string, roles: readonly string[]): SimUser {
    const user = { sysId: this.#store.addName(displayName), userName, roles };
    this.users.set(userName, { password, user });
    return user;
  }

  addClient(client: OAuthClient): void {
    this.clients.push(client);
  }

  issue(client: OAuthClient): string {
    this.#issued += 1;
    const token = `sn-oauth-${this.#issued}-${client.clientId.slice(0, 8)}`;
    this.#tokens.set(token, this.users.get(client.userName)!.user);
    return token;
  }

  /** Limits a credential (a user name, or a bearer token) to these roles. */
  grant(credential: string, roles: readonly string[]): void {
    this.#roles.set(credential, roles);
  }

  /** The unauthorized-once fault: this Authorization header is refused from now on. */
  revoke(authorization: string): void {
    this.#revoked.add(authorization);
  }

  /** The user an Authorization header authenticates, or undefined (401). */
  authenticate(authorization: string): SimUser | undefined {
    if (this.#revoked.has(authorization)) return undefined;
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const entry = this.users.get(decoded.slice(0, colon));
      if (colon < 0 || !entry || entry.password !== decoded.slice(colon + 1)) return undefined;
      return this.#withRoles(entry.user, entry.user.userName);
    }
    const bearer = /^Bearer (\S+)$/i.exec(authorization);
    if (!bearer) return undefined;
    const user = this.#tokens.get(bearer[1]!) ?? this.users.get('patchbay.integration')?.user;
    return user ? this.#withRoles(user, bearer[1]!) : undefined;
  }

  #withRoles(user: SimUser, credential: string): SimUser {
    const roles = this.#roles.get(credential) ?? this.#roles.get(user.userName);
    return roles ? { ...user, roles } : user;
  }
}
