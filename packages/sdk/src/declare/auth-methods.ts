/**
 * Auth method declarations: typed data matching the vault's auth types. The engine reads them to build
 * the wizard's credential form and to inject credentials into requests; connectors never see the vault.
 */

/** What a connector may change about a credential field the auth type defines. */
export interface CredentialFieldOverride {
  readonly label?: string;
  /** Where to find the value in the vendor's console ("Okta admin → Security → API → Tokens"). */
  readonly help?: string;
  readonly placeholder?: string;
  readonly required?: boolean;
}

interface AuthMethodBase {
  /** Names the method in the wizard when a connector offers several ("API token", "OAuth app"). */
  readonly label?: string;
  readonly description?: string;
}

/** Where one API key value goes. */
export interface ApiKeyPlacement {
  readonly in: 'header' | 'query';
  /** Header name (`Authorization`, `X-ApiKeys`) or query parameter name (`api_key`). */
  readonly name: string;
  /**
   * The value sent, with `{field}` placeholders naming credential fields: `SSWS {api_key}`,
   * `accessKey={access_key};secretKey={secret_key}`. Default `{api_key}`. Each placeholder is a field.
   */
  readonly format?: string;
}

export interface ApiKeyAuthMethod extends AuthMethodBase, ApiKeyPlacement {
  readonly type: 'api_key';
  /** Further headers or parameters sent on every request (vendors that want two keys, for instance). */
  readonly additional?: readonly ApiKeyPlacement[];
  /** Keyed by placeholder name. Placeholder fields are secret unless `secret: false`. */
  readonly fields?: Readonly<Record<string, CredentialFieldOverride & { readonly secret?: boolean }>>;
}

export interface BasicAuthMethod extends AuthMethodBase {
  readonly type: 'basic';
  readonly fields?: { readonly username?: CredentialFieldOverride; readonly password?: CredentialFieldOverride };
}

export interface BearerAuthMethod extends AuthMethodBase {
  readonly type: 'bearer';
  /** Default `Authorization`. */
  readonly header?: string;
  /** Default `Bearer`; an empty string sends the bare token. */
  readonly prefix?: string;
  readonly fields?: { readonly token?: CredentialFieldOverride };
}

export interface ClientCertificateAuthMethod extends AuthMethodBase {
  readonly type: 'client_certificate';
  readonly fields?: {
    readonly certificate?: CredentialFieldOverride;
    readonly private_key?: CredentialFieldOverride;
    readonly passphrase?: CredentialFieldOverride;
  };
}

export interface AwsAuthMethod extends AuthMethodBase {
  readonly type: 'aws';
  /** The SigV4 signing name: `guardduty`, `securityhub`. */
  readonly service: string;
  /** A fixed region, or the name of the config field that holds it. */
  readonly region: string | { readonly fromConfig: string };
  readonly fields?: {
    readonly access_key_id?: CredentialFieldOverride;
    readonly secret_access_key?: CredentialFieldOverride;
    readonly session_token?: CredentialFieldOverride;
    readonly role_arn?: CredentialFieldOverride;
    readonly external_id?: CredentialFieldOverride;
  };
}

/** A URL fixed in the declaration, or computed from the instance's config (a regional base URL). */
export type UrlOrFromConfig<Config> = string | ((config: Config) => string);

/** Audience and scopes for tokens used against one host (Microsoft: Graph vs Defender for Endpoint). */
export interface OAuthHostTarget {
  /** A host pattern from `allowedHosts`: `graph.microsoft.com`, `*.securitycenter.microsoft.com`. */
  readonly host: string;
  readonly audience?: string;
  readonly scopes?: readonly string[];
}

interface OAuthClientFields {
  readonly fields?: {
    readonly client_id?: CredentialFieldOverride;
    readonly client_secret?: CredentialFieldOverride;
    readonly private_key?: CredentialFieldOverride;
    readonly key_id?: CredentialFieldOverride;
  };
  /**
   * How the client authenticates at the token endpoint. Default `basic` (RFC 6749 §2.3.1); `body` sends the
   * secret in the form; `private_key_jwt` signs a client assertion with the client's private key instead of
   * a secret (RFC 7523 §2.2; Okta service apps): the credential is then a private key and its key id.
   */
  readonly clientAuth?: 'basic' | 'body' | 'private_key_jwt';
}

export interface OAuth2ClientCredentialsAuthMethod<Config = Record<string, unknown>> extends AuthMethodBase, OAuthClientFields {
  readonly type: 'oauth2_client_credentials';
  readonly tokenUrl: UrlOrFromConfig<Config>;
  readonly scopes?: readonly string[];
  readonly audience?: string;
  /** Per-host audience and scopes; a request to a listed host gets a token for that host. */
  readonly perHost?: readonly OAuthHostTarget[];
}

export interface OAuth2AuthorizationCodeAuthMethod<Config = Record<string, unknown>> extends AuthMethodBase, OAuthClientFields {
  readonly type: 'oauth2_authorization_code';
  readonly authorizeUrl: UrlOrFromConfig<Config>;
  readonly tokenUrl: UrlOrFromConfig<Config>;
  readonly scopes: readonly string[];
  /** Use PKCE (RFC 7636, S256). */
  readonly pkce: boolean;
  /** Extra authorize parameters, such as `{ access_type: 'offline' }`. */
  readonly authorizeParams?: Readonly<Record<string, string>>;
}

export const jwtAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const;

export interface JwtBearerAuthMethod<Config = Record<string, unknown>> extends AuthMethodBase {
  readonly type: 'jwt_bearer';
  readonly tokenUrl: UrlOrFromConfig<Config>;
  /** The assertion's `aud`; defaults to the token URL. */
  readonly audience?: string;
  readonly scopes?: readonly string[];
  /** Default `RS256`. */
  readonly algorithm?: (typeof jwtAlgorithms)[number];
  readonly fields?: {
    readonly client_id?: CredentialFieldOverride;
    readonly subject?: CredentialFieldOverride;
    readonly private_key?: CredentialFieldOverride;
    readonly key_id?: CredentialFieldOverride;
  };
}

export type AuthMethod<Config = Record<string, unknown>> =
  | ApiKeyAuthMethod
  | BasicAuthMethod
  | BearerAuthMethod
  | ClientCertificateAuthMethod
  | AwsAuthMethod
  | OAuth2ClientCredentialsAuthMethod<Config>
  | OAuth2AuthorizationCodeAuthMethod<Config>
  | JwtBearerAuthMethod<Config>;

export type AuthType = AuthMethod['type'];

export const authTypes = [
  'api_key',
  'basic',
  'bearer',
  'client_certificate',
  'aws',
  'oauth2_client_credentials',
  'oauth2_authorization_code',
  'jwt_bearer',
] as const satisfies readonly AuthType[];
