/**
 * A sync worker as a real child process, for the crash tests: the engine with the http-json connector
 * (the CLI's `patchbay worker` gets it from the generated registry), the job runtime with workers only.
 *
 *   DATABASE_URL=postgres://… node worker-process.ts             PostgreSQL
 *   PATCHBAY_DATA_DIR=/folder node worker-process.ts             PGlite in the folder (its lock held)
 *   PATCHBAY_EXIT_WHEN_IDLE=1                                     exit 0 once no execution is pending or running
 *   PATCHBAY_MAINTENANCE_MS=200                                   how often dead workers are looked for
 *   PATCHBAY_WORKER_CONCURRENCY=1                                 syncs at once
 *   PATCHBAY_WORKER_CONNECTOR=memory                              the empty in-memory source instead (benchmarks)
 *   PATCHBAY_TEST_MASTER_KEY=<base64>                             credentials from the vault (this key) instead of a fixed token
 */
import { bearerAuth } from '@patchbay/sdk';
import { openStore } from '@patchbay/store';
import { Secret } from '@patchbay/types';
import httpJson from '../../../../../connectors/http-json/connector.ts';
import { createEngine } from '../../create-engine.ts';
import { createLogger } from '../../lib/logger.ts';
import { staticKeyProvider } from '../../vault/keys/static-key-provider.ts';
import { MemorySource, memoryConnector } from '../../testing/memory-source.ts';

const env = process.env;
const store = await openStore({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.PATCHBAY_DATA_DIR ?? '.' });
const log = createLogger({ level: env.PATCHBAY_LOG_LEVEL ?? 'warn' });
// The simulated API takes any bearer token; the vault is not what these tests are about.
const auth = bearerAuth({ token: new Secret('crash-test-token') });
const connector = env.PATCHBAY_WORKER_CONNECTOR === 'memory' ? memoryConnector(new MemorySource()) : httpJson;
const masterKey = env.PATCHBAY_TEST_MASTER_KEY;
const engine = masterKey
  ? createEngine({ database: store.database, log, connectors: [connector], vault: { keys: staticKeyProvider({ active: Buffer.from(masterKey, 'base64') }), allowInsecureHttp: true } })
  : createEngine({ database: store.database, log, connectors: [connector], authFor: async () => auth });
const concurrency = Number(env.PATCHBAY_WORKER_CONCURRENCY ?? 1);
await engine.jobs.start({ workers: true, scheduler: false, concurrency, maintenanceMs: Number(env.PATCHBAY_MAINTENANCE_MS ?? 500), pollMs: 500 });
const session = await engine.sync.workers.session();
process.stdout.write(`ready ${session.id}\n`);

const stop = async (code: number) => {
  await engine.jobs.stop();
  await engine.sync.shutdown();
  await store.close();
  process.exit(code);
};
process.once('SIGTERM', () => void stop(0));

if (env.PATCHBAY_EXIT_WHEN_IDLE) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const [row] = await store.database.query<{ n: number }>(`select count(*)::int as n from sync_executions where status in ('pending', 'running')`);
    if (row!.n === 0) await stop(0);
  }
}
