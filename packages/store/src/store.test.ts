import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing/index.ts';
import { organizations } from './schema/index.ts';
import { migrate } from './migrate.ts';

describe.each(testDatabaseKinds())('store on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(() => t.close());

  it('has every table of the schema after migration', async () => {
    const rows = await t.database.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = rows.map((r) => r.table_name);
    for (const table of ['organizations', 'users', 'api_tokens', 'connectors', 'integration_instances', 'audit_log']) {
      expect(names).toContain(table);
    }
  });

  it('applies migrations idempotently', async () => {
    await migrate(t.database);
    await migrate(t.database);
    const rows = await t.database.query<{ n: number }>(`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('reads and writes through drizzle', async () => {
    await t.database.db.insert(organizations).values({ slug: 'acme', name: 'Acme' });
    const [row] = await t.database.db.select().from(organizations).where(eq(organizations.slug, 'acme'));
    expect(row?.name).toBe('Acme');
    await expect(t.database.db.insert(organizations).values({ slug: 'acme', name: 'Dup' })).rejects.toThrow();
  });
});
