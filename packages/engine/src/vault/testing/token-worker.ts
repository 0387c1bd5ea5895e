/**
 * A separate worker process for the cross-process token test: opens the PostgreSQL database, says
 * `ready`, waits for `go` on stdin, then asks for the same token CALLS times concurrently and prints what
 * it got (token digests) and how many token requests it made itself.
 * Env: DATABASE_URL, MASTER_KEY (base64), ORG_ID, CONFIG_ID, CALLS.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import pino from 'pino';
import { openPostgres } from '@patchbay/store';
import { createEngine } from '../../create-engine.ts';
import { systemActor } from '../../lib/actor.ts';
import { staticKeyProvider } from '../keys/static-key-provider.ts';

const env = process.env;
const database = await openPostgres({ url: env.DATABASE_URL!, maxConnections: 4 });
const engine = createEngine({ database, log: pino({ level: 'silent' }), vault: { keys: staticKeyProvider({ active: Buffer.from(env.MASTER_KEY!, 'base64') }), allowInsecureHttp: true } });
const actor = systemActor(env.ORG_ID!, `worker-${process.pid}`);
process.stdout.write('ready\n');
process.stdin.setEncoding('utf8');
await once(process.stdin, 'data');
const tokens = await Promise.all(Array.from({ length: Number(env.CALLS ?? 20) }, () => engine.vault.tokens.getToken(actor, env.CONFIG_ID!)));
const digests = [...new Set(tokens.map((t) => createHash('sha256').update(t.reveal()).digest('hex')))];
process.stdout.write(`${JSON.stringify({ digests, requests: engine.vault.tokens.stats().requests })}\n`);
await database.close();
process.exit(0);
