import { resolve } from 'node:path';

/** Settings read once from flags and the environment, at the edge; nothing deeper reads process.env. */
export interface RuntimeConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string | undefined;
  readonly metricsToken: string | undefined;
  readonly bootstrapToken: string | undefined;
  readonly hubUrl: string | undefined;
  readonly hubToken: string | undefined;
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
  };
}
