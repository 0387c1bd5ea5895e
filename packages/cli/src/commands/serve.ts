import { existsSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildServer } from '@patchbay/server';
import { createLogger } from '@patchbay/engine';
import { openHub } from '../open-hub.ts';
import { runtimeConfig } from '../runtime-config.ts';
import { parsePort } from '../parse.ts';

export const SHUTDOWN_DEADLINE_MS = 10_000;

/** Demo mode's own data folder, so sample data never mixes with a real installation (`--data-dir` wins). */
export const DEMO_DATA_DIR = './data-demo';

/** The web UI's build in this checkout (`npm start` builds it when missing or stale). */
const BUILT_UI = fileURLToPath(new URL('../../../web/dist', import.meta.url));

interface ServeFlags {
  port: number;
  host: string;
  dataDir?: string;
  workers: boolean;
  uiDir?: string;
  ui: boolean;
  demo: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the API (and the UI) with workers, on PGlite in the data folder or on DATABASE_URL')
    .option('--port <port>', 'port to listen on', parsePort, 8080)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .option('--no-workers', 'serve the API only; run `patchbay worker` elsewhere')
    .option('--ui-dir <dir>', 'the built web UI to serve at / (default: PATCHBAY_UI_DIR or packages/web/dist)')
    .option('--no-ui', 'do not serve the web UI')
    .option('--demo', `demo mode: local vendor simulators installed as integrations, in ${DEMO_DATA_DIR} unless --data-dir`, false)
    .action(async (flags: ServeFlags, command: Command) => serve(flags, command));
}

async function serve(flags: ServeFlags, command: Command): Promise<void> {
  // Demo mode never opens a real installation: not PATCHBAY_DATA_DIR's folder, not DATABASE_URL's server.
  const config = runtimeConfig(flags.demo ? { dataDir: flags.dataDir ?? DEMO_DATA_DIR } : flags);
  if (flags.demo && config.databaseUrl) command.error('error: --demo runs on the embedded database in its own folder; unset DATABASE_URL', { exitCode: 2 });
  if (flags.demo && !flags.workers) command.error('error: --demo syncs from simulators inside this process; it cannot run with --no-workers', { exitCode: 2 });
  const log = createLogger();
  const hub = await openHub(config, log, { demo: flags.demo });
  // The job queue always (the API queues syncs); workers and the scheduler unless --no-workers.
  await hub.engine.jobs.start({ workers: flags.workers, scheduler: flags.workers });
  const demo = flags.demo ? await (await import('../demo/start-demo.ts')).startDemo(hub.engine, log) : undefined;
  const uiDir = flags.ui ? resolve(flags.uiDir ?? (process.env.PATCHBAY_UI_DIR || BUILT_UI)) : undefined;
  const app = await buildServer({ engine: hub.engine, log, publicUrl: config.publicUrl, metricsToken: config.metricsToken, uiDir });
  const address = await app.listen({ port: flags.port, host: flags.host });
  if (flags.workers) hub.engine.events.start(); // event dispatcher, webhook deliveries, inbound processing
  const url = address.replace('[::1]', 'localhost');
  const serverFile = join(hub.store.dataDir, 'server.json');
  writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
  if (hub.initialToken) {
    const { token, tokenFile } = hub.initialToken;
    process.stdout.write(`\nFirst start: organisation "default" and an admin token were created.\nAdmin token (shown once, also in ${tokenFile}):\n${token}\n\n`);
  }
  if (demo) {
    const names = demo.instances.map((d) => d.instance.name).join(', ');
    process.stdout.write(`Demo mode: sample data from local vendor simulators, not real systems (data in ${hub.store.dataDir}).\nDemo integrations: ${names}.\n`);
    const tokenFile = join(hub.store.dataDir, 'initial-admin-token');
    if (!hub.initialToken && existsSync(tokenFile)) process.stdout.write(`Sign in with the admin token the first demo start printed (also in ${tokenFile}).\n`);
  }
  process.stdout.write(`Patchbay is running at ${url} (API docs: ${url}/api/docs, database: ${hub.store.database.kind})\n`);
  if (uiDir && existsSync(join(uiDir, 'index.html'))) process.stdout.write(`Web UI: ${url}/ (sign in with an API token)\n`);
  else if (uiDir) process.stdout.write(`Web UI: not built in ${uiDir}; run \`npm run build -w @patchbay/web\` (npm start does it)\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      await hub.engine.events.stop(); // finishes the current step; an interrupted delivery's lease makes it due again
      await hub.engine.jobs.stop(); // running syncs stop after their page in flight and go back to the queue
      await hub.engine.sync.shutdown(); // cancels running syncs; each records its checkpoint and state
      await demo?.close(); // the demo's simulators, once nothing syncs from them
      await hub.close(); // closes the database cleanly and releases the folder lock
      rmSync(serverFile, { force: true });
    } finally {
      clearTimeout(deadline);
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await new Promise(() => undefined);
}
