import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Clock } from '@patchbay/types';
import type { Credentials } from '../credential-view.ts';
import { tokenUrlOf } from './oauth-endpoint.ts';

const ASSERTION_LIFETIME_S = 300;

/**
 * A client assertion for private_key_jwt client authentication (RFC 7523 §2.2, OpenID Connect Core §9):
 * issuer and subject the client id, audience the token endpoint (what Okta requires; oidc-provider and
 * Entra ID accept it too), signed with the client's private key.
 */
export async function clientAssertion(credentials: Credentials, clock: Clock): Promise<string> {
  const alg = credentials.text('algorithm') ?? 'RS256';
  const key = createPrivateKey(credentials.secret('private_key_pem')!.reveal());
  const clientId = credentials.text('client_id')!;
  const now = Math.floor(clock.now().getTime() / 1000);
  const keyId = credentials.text('key_id');
  return new SignJWT({})
    .setProtectedHeader(keyId ? { alg, kid: keyId, typ: 'JWT' } : { alg, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrlOf(credentials))
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key);
}

/** The RFC 7523 assertion a service account signs with its private key (Google-style service accounts). */
export async function jwtBearerAssertion(credentials: Credentials, clock: Clock): Promise<string> {
  const alg = credentials.text('algorithm') ?? 'RS256';
  // node:crypto reads PKCS#8, PKCS#1 and SEC1 PEM alike; jose signs with the KeyObject.
  const key = createPrivateKey(credentials.secret('private_key_pem')!.reveal());
  const issuer = credentials.text('issuer')!;
  const now = Math.floor(clock.now().getTime() / 1000);
  const scopes = credentials.list('scopes');
  const keyId = credentials.text('key_id');
  return new SignJWT(scopes.length ? { scope: scopes.join(' ') } : {})
    .setProtectedHeader(keyId ? { alg, kid: keyId, typ: 'JWT' } : { alg, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(credentials.text('subject') ?? issuer)
    .setAudience(credentials.text('audience') ?? tokenUrlOf(credentials))
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .setJti(randomUUID())
    .sign(key);
}
