import type { Command } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { systemActor } from '@patchbay/engine';
import { organizations, users } from '@patchbay/store';
import { PatchbayError, type Role } from '@patchbay/types';
import { accessHub } from '../hub-access.ts';
import { parseRole } from '../parse.ts';
import { runtimeConfig } from '../runtime-config.ts';

interface TokenFlags {
  role: Role;
  org: string;
  name: string;
  dataDir?: string;
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('Create an API token; prints only the token on its last line')
    .requiredOption('--role <role>', 'platform-admin, admin, editor, viewer or auditor', parseRole)
    .option('--org <slug>', 'organisation (direct mode only; over HTTP the token belongs to yours)', 'default')
    .option('--name <name>', 'a name to recognise the token by', 'cli')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (flags: TokenFlags) => {
      const access = await accessHub(runtimeConfig(flags));
      if (access.mode === 'http') {
        const created = await access.client.request<{ token: string }>('POST', '/api/admin/tokens', { name: flags.name, role: flags.role });
        process.stdout.write(`${created.token}\n`);
        return;
      }
      const { hub } = access;
      try {
        if (hub.initialToken) process.stderr.write(`first start: the initial admin token was written to ${hub.initialToken.tokenFile}\n`);
        const { db } = hub.store.database;
        const [org] = await db.select().from(organizations).where(eq(organizations.slug, flags.org));
        if (!org) throw new PatchbayError('NOT_FOUND', { field: '--org', message: `No organisation with slug ${flags.org}` });
        // Direct mode acts as the system on behalf of the organisation's first administrator.
        const [owner] = await db.select().from(users).where(and(eq(users.organizationId, org.id), eq(users.role, 'admin'))).orderBy(asc(users.createdAt)).limit(1);
        if (!owner) throw new PatchbayError('NOT_FOUND', { message: `Organisation ${flags.org} has no admin user to own the token` });
        const created = await hub.engine.tokens.create(systemActor(org.id, 'cli'), { name: flags.name, role: flags.role, userId: owner.id });
        process.stderr.write(`created token ${created.row.prefix}… with role ${flags.role} in ${flags.org}\n`);
        process.stdout.write(`${created.token}\n`);
      } finally {
        await hub.close();
      }
    });
}
