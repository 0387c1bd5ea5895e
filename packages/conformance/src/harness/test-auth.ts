import { apiKeyAuth, awsSigV4, basicAuth, bearerAuth, combineAuth, oauth2Auth, type AnyConnector, type AuthApplier, type AuthMethod, type TokenRequest } from '@patchbay/sdk';
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

/** The declared format with every placeholder filled: `{api_key}` → `conformance-api-key`, `{secret_key}` → `conformance-secret-key`. */
function apiKeyValue(format: string | undefined): string {
  return (format ?? '{api_key}').replace(/\{([a-z0-9_]+)\}/gi, (_match, field: string) => `conformance-${field.replaceAll('_', '-')}`);
}

function staticApplier(method: AuthMethod, configuration: Readonly<Record<string, unknown>>): AuthApplier | undefined {
  switch (method.type) {
    case 'api_key': {
      const placements = [method, ...(method.additional ?? [])].map((p) => apiKeyAuth({ in: p.in, name: p.name, value: new Secret(apiKeyValue(p.format)) }));
      return combineAuth(...placements);
    }
    case 'aws': {
      const region = typeof method.region === 'string' ? method.region : String(configuration[method.region.fromConfig] ?? 'us-east-1');
      return awsSigV4({ accessKeyId: 'AKIACONFORMANCE00000', secretAccessKey: new Secret('conformance-secret-access-key'), region, service: method.service });
    }
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
 * offers a token-based method (so the 401 scenario applies), else its first API key (every placeholder of
 * its format filled), basic, bearer or AWS (SigV4 with test keys, the region from `configuration`) method.
 */
export function testAuthFor(connector: AnyConnector, configuration: Readonly<Record<string, unknown>> = {}): TestAuth {
  const tokens = new CountingTokenSource();
  const refreshable = connector.auth.find((method) => REFRESHABLE.has(method.type));
  if (refreshable) return { applier: oauth2Auth({ getToken: tokens.getToken }), type: refreshable.type, refreshable: true, tokens };
  for (const method of connector.auth) {
    const applier = staticApplier(method as AuthMethod, configuration);
    if (applier) return { applier, type: method.type, refreshable: false, tokens };
  }
  return { applier: undefined, type: 'none', refreshable: false, tokens };
}
