import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createEngine, systemActor, type Actor, type CatalogEntry, type Engine, type EngineOptions } from '@patchbay/engine';
import type { DatabaseKind } from '@patchbay/store';
import { createTestDatabase, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, roles, type Role } from '@patchbay/types';
import { buildServer, type ServerOptions } from '../build-server.ts';

export interface TestHub {
  readonly app: FastifyInstance;
  readonly engine: Engine;
  readonly db: TestDatabase;
  readonly clock: ManualClock;
  readonly organizationId: string;
  /** A token per role in the default organisation. */
  readonly tokens: Record<Role, string>;
  /** `Authorization` header for a role. */
  auth(role: Role): { authorization: string };
  /** Creates another organisation with an admin token. */
  addOrganization(slug: string): Promise<{ organizationId: string; adminToken: string }>;
  close(): Promise<void>;
}

export const testCatalog: CatalogEntry[] = [
  {
    id: 'test-source',
    name: 'Test Source',
    vendor: 'Patchbay',
    category: 'other',
    version: '1.0.0',
    description: 'A catalogue entry for API tests',
    keyFeatures: ['tests'],
    capabilities: ['ingest'],
    authMethods: ['api_key'],
    schema: {},
  },
];

/** A hub on a fresh database with the server built for `inject` (nothing listens). */
export async function createTestHub(kind: DatabaseKind, overrides: Partial<ServerOptions> = {}, engineOptions: Partial<EngineOptions> = {}): Promise<TestHub> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(new Date());
  const log = pino({ level: 'silent' });
  const engine = createEngine({ database: db.database, clock, log, catalog: testCatalog, ...engineOptions });
  const boot = await engine.start();
  const organizationId = boot!.organizationId;
  const tokens = { admin: boot!.token! } as Record<Role, string>;
  const system = systemActor(organizationId, 'tests');
  for (const role of roles) {
    if (role === 'admin') continue;
    const user = await engine.users.create(system, { email: `${role}@example.com`, name: role, role });
    tokens[role] = (await engine.tokens.create(system, { name: role, role, userId: user.id })).token;
  }
  const app = await buildServer({ engine, log, ...overrides });
  await app.ready();
  return {
    app,
    engine,
    db,
    clock,
    organizationId,
    tokens,
    auth: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    async addOrganization(slug) {
      const platform: Actor = { ...system, role: 'platform-admin' };
      const { organization, adminUserId } = await engine.organizations.create(platform, { slug, name: slug, adminEmail: `admin@${slug}.example` });
      const actor = systemActor(organization.id, 'tests');
      const { token } = await engine.tokens.create(actor, { name: 'admin', role: 'admin', userId: adminUserId });
      return { organizationId: organization.id, adminToken: token };
    },
    async close() {
      await engine.sync.shutdown();
      await app.close();
      await db.close();
    },
  };
}
