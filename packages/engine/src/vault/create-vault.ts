import type { AuditActor } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { PageRequest } from '../lib/pagination.ts';
import { createApplierFactory } from './auth-applier.ts';
import { createAuthConfigStore } from './auth-config-store.ts';
import { createAuthConfigService } from './auth-configs.ts';
import { createCredentialChecks, type CredentialTester } from './credential-checks.ts';
import { createExpiryCheck } from './expiry.ts';
import { createDataKeys } from './keys/data-keys.ts';
import { createKekRegistry } from './keys/kek-registry.ts';
import type { KeyProvider } from './keys/key-provider.ts';
import { createKeyRotation, type RotateOptions } from './keys/rotation.ts';
import { unconfiguredKeyProvider } from './keys/unconfigured-key-provider.ts';
import { createAuthorizationFlow } from './oauth/authorization-flow.ts';
import { createTokenCache } from './oauth/token-cache.ts';
import { createTokenManager, type TokenOptions } from './oauth/token-manager.ts';
import { createProgramCredentials } from './program-credentials.ts';
import { createUsageReader } from './usage.ts';

export interface VaultOptions {
  /** Where KEKs come from (`openKeyProvider`); without one the vault refuses to encrypt or decrypt. */
  readonly keys?: KeyProvider;
  /** PATCHBAY_PUBLIC_URL: the OAuth callback is `<publicUrl>/api/integration/oauth/callback`. */
  readonly publicUrl?: string;
  /** Permit http:// token endpoints. Tests against a local authorization server only. */
  readonly allowInsecureHttp?: boolean;
  /** `credential.expiring` is emitted this many days before a known expiration (default 14). */
  readonly expiryWarningDays?: number;
  /** Runs a connector's validate for POST .../test; by default only self-proving configs are tested. */
  readonly testCredential?: CredentialTester;
}

/** The credential vault: envelope encryption, KEK rotation, auth configs, OAuth2 tokens, usage. */
export function createVault(deps: EngineDeps, options: VaultOptions = {}) {
  const provider = options.keys ?? unconfiguredKeyProvider;
  const grant = { allowInsecureHttp: options.allowInsecureHttp };
  const keks = createKekRegistry(deps, provider);
  const dataKeys = createDataKeys(deps, provider, keks);
  const rotation = createKeyRotation(deps, provider, keks);
  const store = createAuthConfigStore(deps, dataKeys);
  const cache = createTokenCache(store);
  const tokens = createTokenManager(deps, store, cache, grant);
  const configs = createAuthConfigService(deps, store, dataKeys, grant, (id) => tokens.invalidate(id));
  const checks = createCredentialChecks(deps, store, tokens);
  const testCredential = options.testCredential ?? checks.builtInTester;
  const readUsage = createUsageReader(deps);
  const checkExpiring = createExpiryCheck(deps, options.expiryWarningDays);

  return {
    configs,
    authApplierFor: createApplierFactory(deps, store, tokens),
    /** The ProcessCredentialResolver for connector programs (stdin). */
    programCredentials: createProgramCredentials(deps, store, tokens),
    authorization: createAuthorizationFlow(deps, store, cache, grant, options.publicUrl),
    tokens: {
      getToken: (actor: Actor, id: string, request: TokenOptions = {}) => tokens.getToken(actor, actor.organizationId, id, request),
      stats: tokens.stats,
    },
    test: (actor: Actor, id: string, connectorId?: string) => testCredential(actor, id, connectorId),
    refresh: checks.refresh,
    usage: (actor: Actor, id: string, page: PageRequest) => readUsage(actor, id, page),
    keys: {
      provider: provider.kind,
      list: () => keks.list(),
      /** Hub-wide; the CLI acts as `{ type: 'system', organizationId: null }`. */
      rotate: (actor: AuditActor, rotate?: RotateOptions) => rotation.rotate(actor, rotate),
      retire: (actor: AuditActor, kekId: string) => rotation.retire(actor, kekId),
    },
    /** Emits due `credential.expiring` events; the scheduler's process runs it hourly (start runs it once). */
    checkExpiring,
    /** Data keys for other sealed records (webhook secrets): same KEKs, re-wrapped by rotation. */
    dataKeys,
    /** Drops unwrapped data keys held in memory (the benchmark's cold path). */
    clearKeyCache: () => dataKeys.clearCache(),
    /** On start: register or verify the KEKs, finish an interrupted rotation, emit due expiry events. */
    async start(): Promise<void> {
      if (!options.keys) return;
      await keks.init();
      await rotation.resume();
      await checkExpiring();
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
