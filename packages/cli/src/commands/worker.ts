import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createLogger } from '@patchbay/engine';
import { PatchbayError } from '@patchbay/types';
import { openHub, type OpenHub } from '../open-hub.ts';
import { runtimeConfig } from '../runtime-config.ts';
import { SHUTDOWN_DEADLINE_MS } from './serve.ts';

interface WorkerFlags {
  dataDir?: string;
  concurrency: number;
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError('a whole number from 1 to 256');
  return n;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('Run sync workers and the scheduler only (no API): scale out with DATABASE_URL')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .option('--concurrency <n>', 'syncs this worker runs at once', parseConcurrency, 4)
    .action(async (flags: WorkerFlags) => worker(flags));
}

async function open(flags: WorkerFlags): Promise<OpenHub> {
  const config = runtimeConfig(flags);
  try {
    return await openHub(config, createLogger());
  } catch (error) {
    if (error instanceof PatchbayError && error.code === 'DATA_DIR_LOCKED') {
      // The embedded database allows one process: a serve on the folder already runs the workers.
      throw new PatchbayError('DATA_DIR_LOCKED', {
        message: `${error.message}; with the embedded database that process already runs the workers`,
        hint: 'Separate workers need PostgreSQL: set DATABASE_URL for `patchbay serve --no-workers` and every `patchbay worker`.',
        details: error.details,
      });
    }
    throw error;
  }
}

async function worker(flags: WorkerFlags): Promise<void> {
  const hub = await open(flags);
  const { engine, log } = hub;
  if (hub.initialToken) process.stderr.write(`first start: the initial admin token was written to ${hub.initialToken.tokenFile}\n`);
  let stopping = false;
  const stop = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'worker stopping');
    const deadline = setTimeout(() => {
      log.error('stopping took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await engine.jobs.stop(); // running syncs stop after their page in flight and go back to the queue
      await engine.events.stop();
      await engine.sync.shutdown();
      await hub.close();
    } finally {
      clearTimeout(deadline);
      process.exit(code);
    }
  };
  await engine.jobs.start({ workers: true, scheduler: true, concurrency: flags.concurrency, onFatal: () => void stop('lost the database session', 1) });
  engine.events.start();
  const session = await engine.sync.workers.session();
  process.stdout.write(`Patchbay worker ${session.id} is running (${flags.concurrency} syncs at once, database: ${hub.store.database.kind})\n`);
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGINT', () => void stop('SIGINT', 0));
  await new Promise(() => undefined);
}
