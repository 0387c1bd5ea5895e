import { execFileSync } from 'node:child_process';
import type { Database } from '@patchbay/store';

/**
 * Everything the database holds, as text: every row of every table, and on PostgreSQL a real pg_dump too.
 * Tests search it for secrets that must never be stored in clear.
 */
export async function dumpDatabase(database: Database, url?: string): Promise<string> {
  const tables = await database.query<{ schema: string; name: string }>(`select table_schema as schema, table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`);
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await database.query<{ row: string }>(`select t::text as row from "${schema}"."${name}" t`);
    parts.push(`-- ${schema}.${name}\n${rows.map((r) => r.row).join('\n')}`);
  }
  if (url) parts.push(execFileSync('pg_dump', ['--data-only', '--inserts', url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
  return parts.join('\n');
}

/** The ways raw key bytes could appear in a text dump. */
export function encodingsOf(bytes: Buffer): string[] {
  return [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), `\\x${bytes.toString('hex')}`];
}
