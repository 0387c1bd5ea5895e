import { eq } from 'drizzle-orm';
import { hostMatches, type AuthApplier, type AuthMethod } from '@patchbay/sdk';
import { authConfigs } from '@patchbay/store';
import { systemActor, type Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { InstanceRow } from '../instances/instances.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { ApplierOptions } from './auth-applier.ts';

type ApplierFactory = (actor: Actor, id: string, options: ApplierOptions) => Promise<AuthApplier>;

/** What the connector declares for the config's auth type: per-host audiences, the AWS signing target. */
export function declaredTarget(method: AuthMethod | undefined, configuration: Record<string, unknown>): Pick<ApplierOptions, 'audienceFor' | 'aws' | 'clientAuth'> {
  if (method?.type === 'aws') {
    const region = typeof method.region === 'string' ? method.region : String(configuration[method.region.fromConfig] ?? '');
    return { aws: { service: method.service, ...(region ? { region } : {}) } };
  }
  if (method?.type === 'oauth2_client_credentials') {
    const targets = method.perHost ?? [];
    return {
      ...(targets.length ? { audienceFor: (url: URL) => targets.find((t) => hostMatches(t.host, url.hostname))?.audience } : {}),
      ...(method.clientAuth === 'body' ? { clientAuth: 'post' as const } : method.clientAuth === 'basic' ? { clientAuth: 'basic' as const } : {}),
    };
  }
  return {};
}

/**
 * The engine's AuthResolver: an instance's credentials, as the applier for its connector, used by the
 * system on the instance's behalf (recorded as such in credential usage).
 */
export function instanceAuthResolver(deps: EngineDeps, registry: ConnectorRegistry, authApplierFor: ApplierFactory) {
  return async (instance: InstanceRow, operation: string): Promise<AuthApplier | undefined> => {
    if (!instance.authConfigId) return undefined;
    const [config] = await deps.database.db.select({ authType: authConfigs.authType }).from(authConfigs).where(eq(authConfigs.id, instance.authConfigId));
    const method = registry.get(instance.connectorId)?.auth.find((m) => m.type === config?.authType || (config?.authType === 'azure_ad' && m.type === 'oauth2_client_credentials'));
    return authApplierFor(systemActor(instance.organizationId, operation), instance.authConfigId, {
      operation,
      instanceId: instance.id,
      ...declaredTarget(method as AuthMethod | undefined, instance.configuration),
    });
  };
}
