import { resolve } from 'node:path';
import { complianceOptionsFromEnv, retentionPolicyFromEnv, type ComplianceOptions, type RetentionPolicy } from '@patchbay/engine';
import { Secret } from '@patchbay/types';

/** Settings read once from flags and the environment, at the edge; nothing deeper reads process.env. */
export interface RuntimeConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string | undefined;
  readonly metricsToken: string | undefined;
  readonly bootstrapToken: string | undefined;
  readonly hubUrl: string | undefined;
  readonly hubToken: string | undefined;
  /** PATCHBAY_MASTER_KEY: the vault's key-encryption key (base64, 32 bytes); without it, a keyring file in the data folder. */
  readonly masterKey: Secret | undefined;
  /** PATCHBAY_PREVIOUS_MASTER_KEYS: keys a rotation is moving away from (comma-separated base64). */
  readonly previousMasterKeys: Secret | undefined;
  /** PATCHBAY_RETENTION_*_DAYS: what the hourly retention task keeps (a bad value is RETENTION_POLICY_INVALID). */
  readonly retention: RetentionPolicy;
  /** PATCHBAY_COMPLIANCE_METRICS_MINUTES: how often compliance metrics are sent (default hourly). */
  readonly compliance: ComplianceOptions;
}

export interface DataFlags {
  readonly dataDir?: string;
}

export function runtimeConfig(flags: DataFlags, env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    dataDir: resolve(flags.dataDir ?? env.PATCHBAY_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: env.PATCHBAY_PUBLIC_URL || undefined,
    metricsToken: env.PATCHBAY_METRICS_TOKEN || undefined,
    bootstrapToken: env.PATCHBAY_BOOTSTRAP_TOKEN || undefined,
    hubUrl: env.PATCHBAY_URL || undefined,
    hubToken: env.PATCHBAY_TOKEN || undefined,
    masterKey: env.PATCHBAY_MASTER_KEY ? new Secret(env.PATCHBAY_MASTER_KEY) : undefined,
    previousMasterKeys: env.PATCHBAY_PREVIOUS_MASTER_KEYS ? new Secret(env.PATCHBAY_PREVIOUS_MASTER_KEYS) : undefined,
    retention: retentionPolicyFromEnv(env),
    compliance: complianceOptionsFromEnv(env),
  };
}
