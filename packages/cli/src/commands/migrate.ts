import type { Command } from 'commander';
import { openStore } from '@patchbay/store';
import { runtimeConfig } from '../runtime-config.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (serve does this on start too)')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: { dataDir?: string }) => {
      const config = runtimeConfig(flags);
      const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
      await store.close();
      process.stdout.write(`migrations applied (${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`})\n`);
    });
}
