import { apiKeyAuth, basicAuth, bearerAuth, clientCertificate, oauth2Auth, type AuthApplier } from '@patchbay/sdk';
import { PatchbayError, Secret } from '@patchbay/types';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { authTypeOf, type AuthConfigStore } from './auth-config-store.ts';
import { awsAuth, type AwsTarget } from './aws/aws-auth.ts';
import { credentialsOf } from './credential-view.ts';
import type { TokenManager } from './oauth/token-manager.ts';
import { recordUsage, type UsePurpose } from './usage.ts';

export interface ApplierOptions extends UsePurpose {
  /** Per-host audience for OAuth2 tokens (Graph vs Defender), from the connector declaration. */
  readonly audienceFor?: (url: URL) => string | undefined;
  /** SigV4 service and region for AWS credentials, from the connector declaration. */
  readonly aws?: AwsTarget;
  /** The client authentication the connector declares for its token endpoint (`clientAuth: 'body'` → post). */
  readonly clientAuth?: 'basic' | 'post';
}

/**
 * Decrypts a config for use (recording who, which instance, why) and returns the SDK applier that puts it
 * on requests. OAuth2 tokens come from the token manager; the connector only ever sees the applier.
 */
export function createApplierFactory(deps: EngineDeps, store: AuthConfigStore, tokens: TokenManager) {
  const { db } = deps.database;
  return async function authApplierFor(actor: Actor, id: string, options: ApplierOptions): Promise<AuthApplier> {
    const row = await store.load(db, actor.organizationId, id);
    const type = authTypeOf(row);
    const purpose: UsePurpose = { operation: options.operation, instanceId: options.instanceId };
    if (row.status === 'pending_authorization') {
      throw new PatchbayError('CREDENTIAL_NOT_AUTHORIZED', { message: `Authentication config "${row.name}" has not been authorized yet` });
    }
    const values = await store.reveal(db, actor, row);
    await recordUsage(db, deps.clock, actor, row.organizationId, id, purpose);
    const c = credentialsOf(type, values);
    switch (type) {
      case 'api_key': {
        const header = c.text('header_name');
        return apiKeyAuth({ in: header ? 'header' : 'query', name: header ?? c.text('query_param')!, value: c.secret('api_key')!, prefix: c.text('prefix') });
      }
      case 'basic':
        return basicAuth({ username: c.text('username')!, password: c.secret('password')! });
      case 'bearer':
        return bearerAuth({ token: c.secret('token')! });
      case 'client_certificate': {
        const ca = c.text('ca_pem');
        const passphrase = c.secret('passphrase');
        return clientCertificate({ cert: new Secret(c.text('certificate_pem')!), key: c.secret('private_key_pem')!, ...(ca ? { ca: new Secret(ca) } : {}), ...(passphrase ? { passphrase } : {}) });
      }
      case 'aws':
        return awsAuth(c, options.aws, `patchbay-${id.slice(0, 8)}`, deps.clock);
      default:
        return oauth2Auth({
          getToken: ({ audience, forceRefresh }) => tokens.getToken(actor, actor.organizationId, id, { audience, forceRefresh, ...(options.clientAuth ? { declaredClientAuth: options.clientAuth } : {}) }),
          audienceFor: options.audienceFor,
        });
    }
  };
}
