import type { Answer } from './answers.ts';

/** The app registration the simulated tenant knows. */
export interface SimulatedApp {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;

/**
 * Entra ID's error body (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes):
 * `error`, `error_description` starting with the AADSTS code, `error_codes`, trace and correlation ids.
 */
function tokenError(status: number, error: string, code: number, description: string): Answer {
  return {
    status,
    body: { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code], timestamp: '2026-05-01 00:00:00Z', trace_id: '00000000-0000-4000-8000-000000000001', correlation_id: '00000000-0000-4000-8000-000000000002' },
  };
}

/** Client id and secret from the form (client_secret_post) or from HTTP Basic (client_secret_basic). */
function clientOf(form: URLSearchParams, authorization: string | undefined): { id: string | null; secret: string | null } {
  if (authorization?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':').map((part) => decodeURIComponent(part));
    return { id: id ?? null, secret: secret ?? null };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

/**
 * POST /{tenant}/oauth2/v2.0/token with grant_type=client_credentials and scope=<resource>/.default
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow): a bearer
 * token for that resource, `expires_in` 3599. Entra issues a token for any resource the scope names; the
 * ingestion endpoint then refuses one that is not for Azure Monitor. `issue` remembers the token's resource.
 */
export function tokenAnswer(app: SimulatedApp, tenant: string, form: URLSearchParams, authorization: string | undefined, issue: (resource: string) => string): Answer {
  if (tenant !== app.tenantId) return tokenError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
  if (form.get('grant_type') !== 'client_credentials') return tokenError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
  const client = clientOf(form, authorization);
  if (client.id !== app.clientId) return tokenError(400, 'unauthorized_client', 700016, `Application with identifier '${client.id ?? ''}' was not found in the directory.`);
  if (client.secret !== app.clientSecret) return tokenError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
  const scope = (form.get('scope') ?? '').trim();
  const resource = /^(https:\/\/[^\s/]+)\/\.default$/.exec(scope)?.[1];
  if (!resource) return tokenError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
  return { status: 200, headers: { 'cache-control': 'no-store' }, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: issue(resource) } };
}
