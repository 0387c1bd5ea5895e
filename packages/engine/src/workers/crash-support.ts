import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mapRecord } from '../../../../connectors/http-json/mappers/record.ts';
import type { HttpJsonItem } from '../../../../connectors/http-json/streams/item.ts';
import type { Database } from '@patchbay/store';

const entry = fileURLToPath(new URL('./testing/worker-process.ts', import.meta.url));

export interface WorkerChild {
  readonly child: ChildProcess;
  readonly ready: Promise<string>;
  readonly output: () => string;
  readonly exited: Promise<number>;
}

/** Starts `testing/worker-process.ts` as a real child process (PostgreSQL or a PGlite folder). */
export function spawnWorker(env: Record<string, string>): WorkerChild {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, PATCHBAY_LOG_LEVEL: 'warn', PATCHBAY_MAINTENANCE_MS: '200', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  const ready = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', check);
    void exited.then((code) => reject(new Error(`worker exited ${code} before it was ready: ${out}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => out, exited };
}

/** The projection compared between the simulator's records and the stored ones: id, and what the mapper makes of the content. */
function contentOf(data: Record<string, unknown>): string {
  return JSON.stringify({ time: data.time, message: data.message, severity_id: data.severity_id, unmapped: data.unmapped });
}

export interface Comparison {
  readonly missing: string[];
  readonly unexpected: string[];
  readonly stale: string[];
  readonly duplicateCreates: string[];
  readonly creates: number;
}

/** Compares the stored records and `record.created` events of an instance stream with the vendor's records. */
export async function compareWithSource(database: Database, instanceId: string, stream: string, source: readonly unknown[]): Promise<Comparison> {
  const expected = new Map<string, string>();
  for (const item of source as HttpJsonItem[]) expected.set(item.id, contentOf(mapRecord(item, { receivedAt: new Date(0) } as never) as Record<string, unknown>));
  const rows = await database.query<{ external_id: string; data: Record<string, unknown> }>('select external_id, data from records where instance_id = $1 and stream = $2 and deleted_at is null', [instanceId, stream]);
  const stored = new Map(rows.map((r) => [r.external_id, contentOf(r.data)]));
  const events = await database.query<{ id: string; n: number }>(
    `select data->>'external_id' as id, count(*)::int as n from outbox where instance_id = $1 and type = 'record.created' and data->>'stream' = $2 group by 1`,
    [instanceId, stream],
  );
  return {
    missing: [...expected.keys()].filter((id) => !stored.has(id)),
    unexpected: [...stored.keys()].filter((id) => !expected.has(id)),
    stale: [...expected.entries()].filter(([id, content]) => stored.has(id) && stored.get(id) !== content).map(([id]) => id),
    duplicateCreates: events.filter((e) => e.n !== 1).map((e) => e.id),
    creates: events.length,
  };
}
