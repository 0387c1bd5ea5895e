import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine, summaryLine, type Progress } from './commands/sync.ts';

const bin = fileURLToPath(new URL('../bin/patchbay.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'patchbay-worker-'));
const running: ReturnType<typeof spawn>[] = [];

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PATCHBAY_LOG_LEVEL: 'warn', DATABASE_URL: '', PATCHBAY_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, exited, out: () => out, err: () => err };
}

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(() => {
  for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('patchbay worker and patchbay sync as real processes', () => {
  it('runs a worker on the folder, refuses a second process on it with exit 3, and stops on SIGTERM within 10 s', async () => {
    const worker = run(['worker', '--data-dir', dir, '--concurrency', '2']);
    await until(() => /Patchbay worker \S+ is running \(2 syncs at once, database: pglite\)/.test(worker.out()) || worker.child.exitCode !== null, 'the worker to start');
    expect(worker.out()).toMatch(/is running/);

    const second = run(['worker', '--data-dir', dir]);
    expect(await second.exited).toBe(3);
    expect(second.err()).toMatch(new RegExp(`pid ${worker.child.pid}.*already runs the workers`));
    expect(second.err()).toMatch(/DATABASE_URL/);

    const direct = run(['sync', 'anything', '--data-dir', dir]);
    expect(await direct.exited).toBe(3);
    expect(direct.err()).toMatch(/PATCHBAY_URL/);

    const started = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 120_000);

  it('says which instance it could not find, and refuses a bad concurrency as a usage error', async () => {
    const missing = run(['sync', 'no-such-instance', '--data-dir', dir]);
    expect(await missing.exited).toBe(1);
    expect(missing.err()).toMatch(/NOT_FOUND.*No instance no-such-instance/);
    const usage = run(['worker', '--concurrency', '0']);
    expect(await usage.exited).toBe(2);
  }, 120_000);

  it('draws a progress line per stream and a summary', () => {
    const p: Progress = { id: 'x', stream: 'alerts', status: 'running', pages: 3, processed: 300, created: 250, updated: 40, unchanged: 10, deleted: 0, invalid: 0, failed: 0, error: null };
    expect(progressLine(p, 0)).toMatch(/^⠋ alerts +███░+ running +pages 3, records 300 \(\+250 ~40 =10 -0\)$/);
    expect(progressLine({ ...p, status: 'completed' }, 1)).toMatch(/^✔ alerts +█{20} completed/);
    expect(summaryLine({ ...p, status: 'failed', error: 'VENDOR_UNAVAILABLE: down' }, 2.04)).toBe(
      'alerts: failed in 2.0 s, 3 pages, 300 records: 250 created, 40 updated, 10 unchanged, 0 deleted, 0 invalid, 0 failed (VENDOR_UNAVAILABLE: down)',
    );
  });
});
