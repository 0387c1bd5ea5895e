import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { asc } from 'drizzle-orm';
import { systemActor, type Actor, type ImportResult } from '@patchbay/engine';
import { organizations } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { accessHub, type HubAccess } from '../hub-access.ts';
import type { OpenHub } from '../open-hub.ts';
import { runtimeConfig } from '../runtime-config.ts';

interface ImportJson {
  dry_run: boolean;
  applied: boolean;
  summary: ImportResult['summary'];
  changes: ImportResult['changes'];
}

/** Direct mode acts in the hub's first (default) organisation, as the system. */
async function defaultActor(hub: OpenHub): Promise<Actor> {
  const [org] = await hub.engine.deps.database.db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.createdAt)).limit(1);
  if (!org) throw new PatchbayError('NOT_FOUND', { message: 'The hub has no organisation yet' });
  return systemActor(org.id, 'cli');
}

async function withHub<T>(flags: { dataDir?: string }, http: (access: Extract<HubAccess, { mode: 'http' }>) => Promise<T>, direct: (hub: OpenHub, actor: Actor) => Promise<T>): Promise<T> {
  const access = await accessHub(runtimeConfig(flags));
  if (access.mode === 'http') return http(access);
  try {
    return await direct(access.hub, await defaultActor(access.hub));
  } finally {
    await access.hub.close();
  }
}

/** The plan, one line per change that does something, then the counts. */
export function formatPlan(result: ImportJson): string {
  const lines = result.changes.filter((c) => c.action !== 'unchanged').map((c) => `${{ create: '+', update: '~', delete: '-', unchanged: '=' }[c.action]} ${c.kind} ${c.name}`);
  const s = result.summary;
  const verdict = result.dry_run ? 'plan (dry run, nothing applied)' : result.applied ? 'applied' : 'nothing to change';
  return [...lines, `${verdict}: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged, ${s.delete} to delete`].join('\n') + '\n';
}

export function registerConfig(program: Command): void {
  program
    .command('export')
    .description("Write the organisation's configuration as one YAML document (no secrets; credentials as named references)")
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: { out?: string; dataDir?: string }) => {
      const text = await withHub(
        flags,
        ({ client }) => client.text('GET', '/api/admin/export'),
        (hub, actor) => hub.engine.config.exportYaml(actor),
      );
      if (flags.out) writeFileSync(flags.out, text);
      else process.stdout.write(text);
    });
  program
    .command('import <file>')
    .description('Apply a configuration document atomically: shows the plan (create, update, unchanged; delete only with --prune)')
    .option('--dry-run', 'show the plan, apply nothing')
    .option('--prune', 'delete what the hub has and the document does not list')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (file: string, flags: { dryRun?: boolean; prune?: boolean; dataDir?: string }) => {
      const text = readFileSync(file, 'utf8');
      const result = await withHub<ImportJson>(
        flags,
        async ({ client }) => JSON.parse(await client.text('POST', `/api/admin/import?dry_run=${flags.dryRun === true}&prune=${flags.prune === true}`, text)) as ImportJson,
        async (hub, actor) => {
          const r = await hub.engine.config.import(actor, hub.engine.config.parseYaml(text), { dryRun: flags.dryRun, prune: flags.prune });
          return { dry_run: r.dryRun, applied: r.applied, summary: r.summary, changes: r.changes };
        },
      );
      process.stdout.write(formatPlan(result));
    });
}
