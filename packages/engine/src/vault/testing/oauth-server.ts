import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import Provider, { errors, type Adapter } from 'oidc-provider';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const TEST_RESOURCE = 'https://api.test.example';

export interface TestOAuthServer {
  readonly issuer: string;
  readonly tokenUrl: string;
  readonly authorizeUrl: string;
  /** POSTs to the token endpoint so far, and the grant types that succeeded. */
  readonly counts: { token: number; grants: string[]; failures: string[] };
  /** A service account key whose public half the server trusts for the jwt-bearer grant. */
  readonly serviceAccount: { readonly issuer: string; readonly privateKeyPem: string };
  addClient(metadata: Record<string, unknown>): Promise<void>;
  /** Deletes a client: every later request authenticating as it fails with invalid_client. */
  revokeClient(clientId: string): Promise<void>;
  /** Plays the browser: follows the authorization URL through login and consent, returns the callback URL. */
  authorize(authorizationUrl: string, accountId?: string): Promise<URL>;
  close(): Promise<void>;
}

/** A real OAuth 2.0 authorization server (oidc-provider) on 127.0.0.1, for tests. */
export async function startOAuthServer(options: { accessTokenTtl?: number } = {}): Promise<TestOAuthServer> {
  const ttl = options.accessTokenTtl ?? 3600;
  const counts = { token: 0, grants: [] as string[], failures: [] as string[] };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signing = await generateKeyPair('RS256', { extractable: true });
  const account = await generateKeyPair('RS256', { extractable: true });
  const serviceAccount = { issuer: 'svc@patchbay.test', privateKeyPem: await exportPKCS8(account.privateKey as CryptoKey) };

  const provider = new Provider(issuer, {
    clients: [],
    jwks: { keys: [{ ...(await exportJWK(signing.privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['patchbay-test-cookie-key'] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => TEST_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => ({ scope: 'read write', audience: resource, accessTokenTTL: ttl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    scopes: ['read', 'write', 'offline_access'],
    pkce: { required: () => true },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: ttl, ClientCredentials: ttl, RefreshToken: 86_400, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 86_400 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('offline_access read write');
      grant.addResourceScope(TEST_RESOURCE, 'read write');
      await grant.save();
      return grant;
    },
  });
  provider.registerGrantType(
    JWT_BEARER_GRANT,
    async (ctx) => {
      try {
        await jwtVerify(String(ctx.oidc.params!.assertion), account.publicKey, { issuer: serviceAccount.issuer, audience: `${issuer}/token` });
      } catch {
        throw new errors.InvalidGrant('the assertion is not valid');
      }
      const token = new ctx.oidc.provider.ClientCredentials({ client: ctx.oidc.client!, scope: 'read' });
      const value = await token.save();
      ctx.body = { access_token: value, expires_in: token.expiration, token_type: 'Bearer', scope: 'read' };
    },
    ['assertion', 'scope', 'audience'],
  );
  provider.on('grant.success', (ctx) => counts.grants.push(String(ctx.oidc.params?.grant_type)));
  provider.on('grant.error', (ctx, error) => counts.failures.push(`${String(ctx.oidc.params?.grant_type)}:${(error as { error?: string }).error ?? 'error'}`));
  await addClientTo(provider, { client_id: serviceAccount.issuer, token_endpoint_auth_method: 'none', grant_types: [JWT_BEARER_GRANT], response_types: [], redirect_uris: [] });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && req.url?.startsWith('/token')) counts.token++;
    if (req.url?.startsWith('/interaction/')) {
      // The login page, without a page: whoever asks logs in as the account named in the cookie-less test.
      const details = await provider.interactionDetails(req, res);
      const result = details.prompt.name === 'login' ? { login: { accountId: 'user-1' } } : { consent: {} };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    provider.callback()(req, res);
  }

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizeUrl: `${issuer}/auth`,
    counts,
    serviceAccount,
    addClient: (metadata) => addClientTo(provider, metadata),
    revokeClient: async (clientId) => {
      await clientStore(provider).destroy(clientId);
    },
    authorize: (url) => playBrowser(url, issuer),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Client model's storage (the default in-memory adapter): dynamic clients can be added and deleted. */
const clientStore = (provider: Provider) => (provider.Client as unknown as { adapter: Adapter }).adapter;

async function addClientTo(provider: Provider, metadata: Record<string, unknown>): Promise<void> {
  await clientStore(provider).upsert(String(metadata.client_id), metadata as never, 3600);
}

/** Follows redirects with a cookie jar until one leaves the issuer (the redirect to the client's callback). */
async function playBrowser(start: string, issuer: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== issuer) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`The authorization server stopped at ${url.pathname} with ${res.status}: ${await res.text()}`);
    url = new URL(location, url);
  }
  throw new Error('Too many redirects while authorizing');
}
