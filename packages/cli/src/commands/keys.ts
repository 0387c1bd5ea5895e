import type { Command } from 'commander';
import type { AuditActor } from '@patchbay/engine';
import { accessHub, type HubAccess } from '../hub-access.ts';
import { runtimeConfig } from '../runtime-config.ts';

interface KekView {
  id: string;
  provider: string;
  state: string;
  data_keys: number;
}

interface RotationView {
  active_kek_id: string;
  started: boolean;
  rewrapped: number;
  retired: string[];
}

/** Key management acts hub-wide: in direct mode the CLI is the system, outside any organisation. */
const cliActor: AuditActor = { type: 'system', organizationId: null, label: 'system:cli' };

async function withHub<T>(flags: { dataDir?: string }, http: (access: Extract<HubAccess, { mode: 'http' }>) => Promise<T>, direct: (access: Extract<HubAccess, { mode: 'direct' }>) => Promise<T>): Promise<T> {
  const access = await accessHub(runtimeConfig(flags));
  if (access.mode === 'http') return http(access);
  try {
    return await direct(access);
  } finally {
    await access.hub.close();
  }
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('The vault key-encryption keys (through the running hub when PATCHBAY_URL is set)');
  keys
    .command('rotate')
    .description('Introduce a new key-encryption key and re-wrap every data key online; resumes an interrupted rotation')
    .option('--keep-old', 'leave the old keys in the retiring state instead of retiring and destroying them')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: { keepOld?: boolean; dataDir?: string }) => {
      const retire = !flags.keepOld;
      const result = await withHub<RotationView>(
        flags,
        ({ client }) => client.request<RotationView>('POST', '/api/admin/keys/rotate', { retire }),
        async ({ hub }) => {
          const r = await hub.engine.vault.keys.rotate(cliActor, { retire });
          return { active_kek_id: r.activeKekId, started: r.started, rewrapped: r.rewrapped, retired: [...r.retired] };
        },
      );
      const what = result.started ? 'rotated to' : 'resumed the rotation to';
      process.stdout.write(`${what} ${result.active_kek_id}: ${result.rewrapped} data keys re-wrapped${result.retired.length ? `; retired ${result.retired.join(', ')}` : ''}\n`);
    });
  keys
    .command('list')
    .description('List key-encryption keys: id, provider, state, data keys wrapped')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: { dataDir?: string }) => {
      const items = await withHub<KekView[]>(
        flags,
        async ({ client }) => (await client.request<{ items: KekView[] }>('GET', '/api/admin/keys')).items,
        async ({ hub }) => (await hub.engine.vault.keys.list()).map((k) => ({ id: k.id, provider: k.provider, state: k.state, data_keys: k.dataKeys })),
      );
      for (const k of items) process.stdout.write(`${k.id}\t${k.provider}\t${k.state}\t${k.data_keys} data keys\n`);
    });
  keys
    .command('retire <id>')
    .description('Retire a key-encryption key that no longer wraps any data key')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (id: string, flags: { dataDir?: string }) => {
      await withHub(
        flags,
        ({ client }) => client.request('POST', `/api/admin/keys/${encodeURIComponent(id)}/retire`),
        ({ hub }) => hub.engine.vault.keys.retire(cliActor, id),
      );
      process.stdout.write(`retired ${id}\n`);
    });
}
