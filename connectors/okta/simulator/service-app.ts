import { createPrivateKey, createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

/** The API Services app registered in the simulated org: its client id, key pair and granted scopes. */
export interface ServiceApp {
  readonly clientId: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicKey: KeyObject;
  readonly grantedScopes: readonly string[];
}

export function createServiceApp(grantedScopes: readonly string[]): ServiceApp {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { clientId: '0oasimserviceapp0h7', keyId: 'sim-key-1', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey, grantedScopes };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A client assertion as Okta documents it for service apps
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#create-and-sign-the-jwt):
 * RS256, iss = sub = client id, aud = the token URL, exp at most an hour ahead, a unique jti.
 */
export function signClientAssertion(app: Pick<ServiceApp, 'clientId' | 'keyId' | 'privateKeyPem'>, audience: string, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const input = `${b64({ alg: 'RS256', kid: app.keyId, typ: 'JWT' })}.${b64({ iss: app.clientId, sub: app.clientId, aud: audience, iat: now, exp: now + 300, jti: randomUUID() })}`;
  const signature = createSign('RSA-SHA256').update(input).sign(createPrivateKey(app.privateKeyPem)).toString('base64url');
  return `${input}.${signature}`;
}

/** Why an assertion is refused, or undefined when it is good. */
export function assertionProblem(app: ServiceApp, jwt: string, audience: string, nowMs: number): string | undefined {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return 'The client_assertion is not a JWT.';
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; aud?: string; exp?: number; iat?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return 'The client_assertion is not a JWT.';
  }
  if (header.alg !== 'RS256') return 'The client_assertion signature algorithm is not supported.';
  if (!createVerify('RSA-SHA256').update(`${h}.${p}`).verify(app.publicKey, Buffer.from(s, 'base64url'))) return 'The client_assertion signature is invalid.';
  if (claims.iss !== app.clientId || claims.sub !== app.clientId) return 'The iss and sub claims must be the client_id.';
  if (claims.aud !== audience) return 'The audience claim for client_assertion must be the endpoint invoked for the request.';
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= now) return 'The client_assertion token is expired.';
  if (claims.exp > now + 3600) return 'The client_assertion token has an expiration too far into the future.';
  return undefined;
}
