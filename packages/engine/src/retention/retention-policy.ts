import { PatchbayError } from '@patchbay/types';

/** How long each kind of data is kept, in days. The audit log is never pruned by this policy. */
export interface RetentionPolicy {
  readonly logsDays: number;
  readonly executionsDays: number;
  /** `records.raw` (the vendor payload kept beside a record) is set to null after this; the record stays. */
  readonly rawPayloadDays: number;
  readonly rejectedRecordsDays: number;
  /** Hourly ConnectorMetrics rows. */
  readonly metricsDays: number;
  /** Rows deleted or updated per statement. */
  readonly batchSize: number;
}

export const defaultRetentionPolicy: RetentionPolicy = {
  logsDays: 90,
  executionsDays: 90,
  rawPayloadDays: 30,
  rejectedRecordsDays: 90,
  metricsDays: 365,
  batchSize: 1000,
};

/** The environment variables `retentionPolicyFromEnv` reads (at the CLI edge). */
export const retentionEnv = {
  logsDays: 'PATCHBAY_RETENTION_LOGS_DAYS',
  executionsDays: 'PATCHBAY_RETENTION_EXECUTIONS_DAYS',
  rawPayloadDays: 'PATCHBAY_RETENTION_RAW_PAYLOADS_DAYS',
  rejectedRecordsDays: 'PATCHBAY_RETENTION_REJECTED_RECORDS_DAYS',
  metricsDays: 'PATCHBAY_RETENTION_METRICS_DAYS',
} as const satisfies Partial<Record<keyof RetentionPolicy, string>>;

export const MAX_RETENTION_DAYS = 36_500;

/** The policy from `PATCHBAY_RETENTION_*_DAYS` variables, defaults for those unset; a bad value is an error naming it. */
export function retentionPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): RetentionPolicy {
  const policy: Record<string, number> = { ...defaultRetentionPolicy };
  for (const [key, name] of Object.entries(retentionEnv)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const days = Number(raw);
    if (!/^\d+$/.test(raw) || days < 1 || days > MAX_RETENTION_DAYS) {
      throw new PatchbayError('RETENTION_POLICY_INVALID', { field: name, message: `${name} must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, not "${raw}"` });
    }
    policy[key] = days;
  }
  return policy as unknown as RetentionPolicy;
}
