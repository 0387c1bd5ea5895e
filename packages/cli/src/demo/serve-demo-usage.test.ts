import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/patchbay.js', import.meta.url));
const serve = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [bin, 'serve', '--demo', '--port', '0', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });

describe('patchbay serve --demo refuses to touch a real installation', () => {
  it('exits 2 with DATABASE_URL set, before connecting to it', () => {
    const run = serve([], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/real' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--demo runs on the embedded database in its own folder; unset DATABASE_URL/);
  });

  it('exits 2 with --no-workers (its simulators live in this process)', () => {
    const run = serve(['--no-workers'], { DATABASE_URL: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot run with --no-workers/);
  });
});
