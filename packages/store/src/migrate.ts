import { fileURLToPath } from 'node:url';
import { PatchbayError } from '@patchbay/types';
import type { Database } from './database.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Applies every pending migration. Safe to call from several processes at once. */
export async function migrate(database: Database): Promise<void> {
  try {
    await database.applyMigrations(migrationsFolder);
  } catch (cause) {
    throw new PatchbayError('MIGRATION_FAILED', {
      message: `Applying database migrations failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'Each migration runs in a transaction, so the database is as it was before the failing one; fix the cause and start again.',
      cause,
    });
  }
}
