import type { Command } from 'commander';
import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { systemActor, type ExecutionRow } from '@patchbay/engine';
import { integrationInstances, syncExecutions } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { EXIT } from '../exit-codes.ts';
import { accessHub } from '../hub-access.ts';
import type { HubClient } from '../hub-client.ts';
import { runtimeConfig } from '../runtime-config.ts';

interface SyncFlags {
  stream?: string;
  dataDir?: string;
}

/** What the progress line and the summary show, from the API's JSON or a row. */
export interface Progress {
  readonly id: string;
  readonly stream: string;
  readonly status: string;
  readonly pages: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly invalid: number;
  readonly failed: number;
  readonly error: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function fromRow(r: ExecutionRow): Progress {
  const e = r.errorDetails as { code?: string; message?: string } | null;
  return {
    id: r.id,
    stream: r.stream,
    status: r.status,
    pages: r.pages,
    processed: r.recordsProcessed,
    created: r.recordsCreated,
    updated: r.recordsUpdated,
    unchanged: r.recordsUnchanged,
    deleted: r.recordsDeleted,
    invalid: r.recordsInvalid,
    failed: r.recordsFailed,
    error: e ? `${e.code ?? 'ERROR'}: ${e.message ?? ''}` : null,
  };
}

function fromJson(j: Record<string, unknown>): Progress {
  const e = j.error_details as { code?: string; message?: string } | null;
  const n = (k: string) => Number(j[k] ?? 0);
  return {
    id: String(j.id),
    stream: String(j.stream),
    status: String(j.status),
    pages: n('pages'),
    processed: n('records_processed'),
    created: n('records_created'),
    updated: n('records_updated'),
    unchanged: n('records_unchanged'),
    deleted: n('records_deleted'),
    invalid: n('records_invalid'),
    failed: n('records_failed'),
    error: e ? `${e.code ?? 'ERROR'}: ${e.message ?? ''}` : null,
  };
}

/** One line per stream: a bar that fills as pages commit (the total is unknown until the stream ends). */
export function progressLine(p: Progress, frame: number): string {
  const done = TERMINAL.has(p.status);
  const width = 20;
  const filled = done ? width : Math.min(width - 1, p.pages % width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const mark = done ? (p.status === 'completed' ? '✔' : '✖') : SPINNER[frame % SPINNER.length];
  return `${mark} ${p.stream.padEnd(16)} ${bar} ${p.status.padEnd(9)} pages ${p.pages}, records ${p.processed} (+${p.created} ~${p.updated} =${p.unchanged} -${p.deleted})`;
}

export function summaryLine(p: Progress, seconds: number): string {
  const counts = `${p.processed} records: ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged, ${p.deleted} deleted, ${p.invalid} invalid, ${p.failed} failed`;
  return `${p.stream}: ${p.status} in ${seconds.toFixed(1)} s, ${p.pages} pages, ${counts}${p.error ? ` (${p.error})` : ''}`;
}

/** Redraws the progress lines on stderr (in place on a terminal, a line per change otherwise). */
function renderer() {
  const tty = process.stderr.isTTY === true;
  let drawn = 0;
  let last = '';
  let frame = 0;
  return (items: readonly Progress[]) => {
    const lines = items.map((p) => progressLine(p, frame++));
    const text = lines.join('\n');
    if (tty) {
      if (drawn) process.stderr.write(`\x1b[${drawn}A`);
      process.stderr.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
      drawn = lines.length;
    } else if (text.replace(/^[^ ]+ /gm, '') !== last) {
      process.stderr.write(`${text}\n`);
    }
    last = text.replace(/^[^ ]+ /gm, '');
  };
}

async function follow(read: () => Promise<Progress[]>, untilDone: Promise<unknown> | undefined, intervalMs: number): Promise<Progress[]> {
  const draw = renderer();
  let finished = false;
  void untilDone?.finally(() => (finished = true));
  for (;;) {
    const items = await read();
    draw(items);
    if (items.every((p) => TERMINAL.has(p.status)) && (untilDone === undefined || finished)) return items;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function resolveOverHttp(client: HubClient, instance: string): Promise<string> {
  if (UUID.test(instance)) return instance;
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; name: string }[]; next_cursor: string | null } = await client.request('GET', `/api/integration/instances?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const found = page.items.find((i) => i.name === instance);
    if (found) return found.id;
    cursor = page.next_cursor;
  } while (cursor);
  throw new PatchbayError('NOT_FOUND', { message: `No instance named ${instance}` });
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('Sync an instance now (every stream, or one) with progress on stderr; through the hub at PATCHBAY_URL, or directly')
    .argument('<instance>', 'instance id or name')
    .option('--stream <name>', 'sync only this stream')
    .option('--data-dir <dir>', 'data folder (default: PATCHBAY_DATA_DIR or ./data)')
    .action(async (instance: string, flags: SyncFlags) => {
      const started = performance.now();
      const access = await accessHub(runtimeConfig(flags));
      let results: Progress[];
      if (access.mode === 'http') {
        const id = await resolveOverHttp(access.client, instance);
        const body = flags.stream ? { stream: flags.stream } : {};
        const answer = await access.client.request<{ executions: Record<string, unknown>[] }>('POST', `/api/integration/instances/${id}/sync`, body);
        const ids = answer.executions.map((e) => String(e.id));
        results = await follow(async () => Promise.all(ids.map(async (e) => fromJson(await access.client.request<Record<string, unknown>>('GET', `/api/integration/sync-executions/${e}`)))), undefined, 500);
      } else {
        const { hub } = access;
        try {
          const { db } = hub.store.database;
          const where: SQL = UUID.test(instance) ? or(eq(integrationInstances.id, instance), eq(integrationInstances.name, instance))! : eq(integrationInstances.name, instance);
          const found = await db.select().from(integrationInstances).where(where);
          if (found.length === 0) throw new PatchbayError('NOT_FOUND', { message: `No instance ${instance}` });
          if (found.length > 1) throw new PatchbayError('CONFLICT', { message: `Several organisations have an instance named ${instance}`, hint: 'Pass the instance id instead.' });
          const target = found[0]!;
          // No queue is attached in this process: the executions run here, in the background of this call.
          const executions = await hub.engine.sync.start(systemActor(target.organizationId, 'cli'), target.id, { stream: flags.stream, trigger: 'manual' });
          const ids = executions.map((e) => e.id);
          process.once('SIGINT', () => void hub.engine.sync.shutdown()); // stops after the page in flight: cancelled, checkpoint kept
          const read = async () => (ids.length ? (await db.select().from(syncExecutions).where(inArray(syncExecutions.id, ids))).map(fromRow) : []);
          await follow(read, hub.engine.sync.idle(), 250);
          results = await read();
        } finally {
          await hub.engine.sync.shutdown();
          await hub.close();
        }
      }
      const seconds = (performance.now() - started) / 1000;
      for (const p of results) process.stdout.write(`${summaryLine(p, seconds)}\n`);
      if (results.some((p) => p.status !== 'completed')) process.exitCode = EXIT.failure;
    });
}
