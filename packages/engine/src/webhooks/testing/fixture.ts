import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { DatabaseKind } from '@patchbay/store';
import { createTestDatabase, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine, type EngineOptions } from '../../create-engine.ts';
import { systemActor, type Actor } from '../../lib/actor.ts';
import { staticKeyProvider } from '../../vault/keys/static-key-provider.ts';

export interface EventsFixture {
  readonly db: TestDatabase;
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly actor: Actor;
  close(): Promise<void>;
}

/** An engine on a fresh database with a vault key (webhook secrets are sealed) and an admin actor. */
export async function createEventsFixture(kind: DatabaseKind, options: Partial<EngineOptions> = {}): Promise<EventsFixture> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  const engine = createEngine({
    database: db.database,
    clock,
    log: pino({ level: 'silent' }),
    catalog: [{ id: 'events-test', name: 'Events Test', vendor: 'Patchbay', category: 'other', version: '1.0.0', description: 'events tests', keyFeatures: ['tests'], capabilities: ['ingest'], authMethods: ['api_key'], schema: {} }],
    vault: { keys: staticKeyProvider({ active: randomBytes(32) }) },
    ...options,
  });
  const boot = await engine.start();
  const actor = { ...systemActor(boot!.organizationId, 'tests'), type: 'user' as const, label: 'tests' };
  return { db, engine, clock, actor, close: () => db.close() };
}

export interface Receiver {
  readonly url: string;
  readonly requests: { headers: IncomingMessage['headers']; body: string }[];
  /** Decides each answer: status (and headers); status 0 holds the request open. */
  respond: (body: string, index: number) => { status: number; headers?: Record<string, string> };
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const receiver: Receiver = {
    url: '',
    requests,
    respond: () => ({ status: 204 }),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({ headers: req.headers, body });
      const { status, headers } = receiver.respond(body, index);
      if (status === 0) return; // hold the request open (a receiver that never answers)
      res.writeHead(status, headers).end(status >= 400 ? 'nope' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (receiver as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}
