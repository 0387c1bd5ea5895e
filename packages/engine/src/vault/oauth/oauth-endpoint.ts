import * as client from 'openid-client';
import type { Credentials } from '../credential-view.ts';
import type { OAuthConfig } from '../oauth-config.ts';
import type { GrantSettings } from './grant-settings.ts';

const AZURE_AUTHORITY = 'https://login.microsoftonline.com';

export function tokenUrlOf(credentials: Credentials): string {
  if (credentials.type === 'azure_ad') {
    const authority = (credentials.text('authority_host') ?? AZURE_AUTHORITY).replace(/\/+$/, '');
    return `${authority}/${encodeURIComponent(credentials.text('tenant_id') ?? '')}/oauth2/v2.0/token`;
  }
  return credentials.text('token_url')!;
}

function issuerOf(credentials: Credentials, tokenUrl: string): string {
  if (credentials.type === 'azure_ad') return tokenUrl.replace(/\/oauth2\/v2\.0\/token$/, '/v2.0');
  return credentials.text('issuer') ?? new URL(credentials.text('authorize_url') ?? tokenUrl).origin;
}

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** private_key_jwt: the client id and a signed assertion in the form (made per request by the caller). */
function privateKeyJwt(assertion: string): client.ClientAuth {
  return (_as, metadata, body) => {
    body.set('client_id', metadata.client_id);
    body.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
    body.set('client_assertion', assertion);
  };
}

function clientAuthOf(credentials: Credentials, oauth: OAuthConfig | null, assertion?: string): client.ClientAuth {
  if (assertion) return privateKeyJwt(assertion);
  const secret = credentials.secret('client_secret');
  if (!secret) return client.None();
  const method = oauth?.client_auth ?? (credentials.type === 'azure_ad' ? 'post' : 'basic');
  return method === 'post' ? client.ClientSecretPost(secret.reveal()) : client.ClientSecretBasic(secret.reveal());
}

/**
 * Some vendors answer a token request with 201 Created (CrowdStrike Falcon's /oauth2/token); RFC 6749
 * §5.1 says 200, and openid-client accepts nothing else. A 201 with a token body is read as the 200 it means.
 */
const createdAsOk: client.CustomFetch = async (url, options) => {
  const response = await fetch(url, options as RequestInit);
  return response.status === 201 ? new Response(response.body, { status: 200, statusText: 'OK', headers: response.headers }) : response;
};

/** An openid-client configuration for the credential's authorization server (no discovery: the endpoints are given). */
export function endpointOf(credentials: Credentials, oauth: OAuthConfig | null, settings: GrantSettings, assertion?: string): client.Configuration {
  const tokenUrl = tokenUrlOf(credentials);
  const authorizeUrl = credentials.text('authorize_url');
  const server: client.ServerMetadata = { issuer: issuerOf(credentials, tokenUrl), token_endpoint: tokenUrl, ...(authorizeUrl ? { authorization_endpoint: authorizeUrl } : {}) };
  const clientId = credentials.text('client_id') ?? credentials.text('issuer') ?? '';
  const config = new client.Configuration(server, clientId, undefined, clientAuthOf(credentials, oauth, assertion));
  config.timeout = settings.timeoutSeconds ?? 30;
  if (settings.allowInsecureHttp) client.allowInsecureRequests(config);
  config[client.customFetch] = createdAsOk;
  return config;
}

/** Scope and audience parameters for a token request, for the default audience or one host's. */
export function targetParams(credentials: Credentials, oauth: OAuthConfig | null, audience: string): Record<string, string> {
  const params: Record<string, string> = { ...oauth?.token_params };
  const scopes = credentials.list('scopes').join(' ');
  if (credentials.type === 'azure_ad') {
    params.scope = audience ? `${audience.replace(/\/+$/, '')}/.default` : scopes || 'https://graph.microsoft.com/.default';
    return params;
  }
  if (scopes) params.scope = scopes;
  const target = audience || (credentials.type === 'jwt_bearer' ? '' : (credentials.text('audience') ?? ''));
  if (target) params[oauth?.audience_param ?? 'audience'] = target;
  return params;
}
