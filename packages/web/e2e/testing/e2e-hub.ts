import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { builtInConnectors, createEngine, staticKeyProvider, systemActor, type Engine } from '@patchbay/engine';
import { buildServer } from '@patchbay/server';
import { createTestDatabase, type TestDatabase } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';

export interface E2eHub {
  readonly url: string;
  readonly engine: Engine;
  /** A token per role; `editor` belongs to another person than `admin`. */
  readonly tokens: Record<'admin' | 'editor' | 'viewer', string>;
  /** Calls the API as a role, failing on any error status. */
  call<T = unknown>(role: Role & keyof E2eHub['tokens'], method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * A real hub for the browser tests: the built-in connectors on PGlite, the job queue, workers and
 * scheduler, the event dispatcher, and the HTTP server with the built UI, listening on 127.0.0.1.
 * OAuth token endpoints may be plain http here (the vendor simulators run on 127.0.0.1).
 */
export async function startE2eHub(uiDir: string): Promise<E2eHub> {
  const db: TestDatabase = await createTestDatabase('pglite');
  const log = pino({ level: process.env.PATCHBAY_E2E_LOG ?? 'silent' });
  const engine = createEngine({ database: db.database, log, connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
  const boot = await engine.start();
  const system = systemActor(boot!.organizationId, 'e2e');
  const tokens = { admin: boot!.token! } as E2eHub['tokens'];
  for (const [role, name] of [
    ['editor', 'Eddie Editor'],
    ['viewer', 'Vera Viewer'],
  ] as const) {
    const user = await engine.users.create(system, { email: `${role}@example.com`, name, role });
    tokens[role] = (await engine.tokens.create(system, { name: role, role, userId: user.id })).token;
  }
  await engine.jobs.start({ workers: true, scheduler: true });
  engine.events.start();
  const app = await buildServer({ engine, log, uiDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    engine,
    tokens,
    async call<T>(role: keyof E2eHub['tokens'], method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} as ${role}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await app.close();
      await engine.events.stop();
      await engine.jobs.stop();
      await engine.sync.shutdown();
      await db.close();
    },
  };
}
