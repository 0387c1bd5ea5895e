import { apiKeyAuth, basicAuth, bearerAuth, oauth2Auth, type AnyConnector, type AuthApplier, type AuthMethod, type TokenRequest } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';

/** Auth types whose token the engine can refresh after a 401. */
const REFRESHABLE = new Set<string>(['oauth2_client_credentials', 'oauth2_authorization_code', 'jwt_bearer']);

/**
 * The token source the suite controls in place of the vault: `conformance-token-1`, then a new token on
 * every forced refresh, counting the refreshes.
 */
export class CountingTokenSource {
  #issued = 1;
  #refreshes = 0;

  getToken = async (request: TokenRequest): Promise<Secret> => {
    if (request.forceRefresh) {
      this.#refreshes += 1;
      this.#issued += 1;
    }
    return new Secret(`conformance-token-${this.#issued}`);
  };

  get refreshes(): number {
    return this.#refreshes;
  }
}

export interface TestAuth {
  /** What the engine applies to every request of the instance; undefined for public feeds. */
  readonly applier: AuthApplier | undefined;
  /** The auth type used, or `none`. */
  readonly type: string;
  /** Whether a 401 can be answered with a fresh credential. */
  readonly refreshable: boolean;
  readonly tokens: CountingTokenSource;
}

function apiKeyPrefix(format: string | undefined): string {
  const placeholder = (format ?? '{api_key}').indexOf('{');
  return placeholder > 0 ? (format ?? '').slice(0, placeholder) : '';
}

function staticApplier(method: AuthMethod): AuthApplier | undefined {
  switch (method.type) {
    case 'api_key':
      return apiKeyAuth({ in: method.in, name: method.name, value: new Secret('conformance-api-key'), prefix: apiKeyPrefix(method.format) });
    case 'basic':
      return basicAuth({ username: 'conformance', password: new Secret('conformance-password') });
    case 'bearer':
      return bearerAuth({ token: new Secret('conformance-bearer-token'), ...(method.prefix !== undefined ? { scheme: method.prefix } : {}) });
    default:
      return undefined;
  }
}

/**
 * Test credentials for a connector: a refreshable OAuth2 token from a counting source when the connector
 * offers a token-based method (so the 401 scenario applies), else its first API key, basic or bearer method.
 */
export function testAuthFor(connector: AnyConnector): TestAuth {
  const tokens = new CountingTokenSource();
  const refreshable = connector.auth.find((method) => REFRESHABLE.has(method.type));
  if (refreshable) return { applier: oauth2Auth({ getToken: tokens.getToken }), type: refreshable.type, refreshable: true, tokens };
  for (const method of connector.auth) {
    const applier = staticApplier(method as AuthMethod);
    if (applier) return { applier, type: method.type, refreshable: false, tokens };
  }
  return { applier: undefined, type: 'none', refreshable: false, tokens };
}
