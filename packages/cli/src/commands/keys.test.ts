import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/patchbay.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'patchbay-keys-'));
const children: ChildProcess[] = [];

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PATCHBAY_LOG_LEVEL: 'warn', PATCHBAY_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, exited, out: () => out, err: () => err };
}

async function finished(args: string[], env: NodeJS.ProcessEnv = {}) {
  const p = run(args, env);
  const code = await p.exited;
  return { code, out: p.out(), err: p.err() };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const keyring = () => JSON.parse(readFileSync(join(dir, 'vault-keyring.json'), 'utf8')) as { active: string; keys: Record<string, unknown> };

describe('patchbay keys', () => {
  it('rotates directly on the data folder when no hub runs', async () => {
    const first = await finished(['keys', 'list', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(statSync(join(dir, 'vault-keyring.json')).mode & 0o777).toBe(0o600);
    const before = keyring().active;
    expect(first.out).toMatch(new RegExp(`^${before}\\tfile\\tactive\\t0 data keys`, 'm'));
    const rotated = await finished(['keys', 'rotate', '--data-dir', dir]);
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/^rotated to kek_[0-9a-f]{16}: 0 data keys re-wrapped; retired kek_/);
    expect(keyring().active).not.toBe(before);
    expect(Object.keys(keyring().keys)).toEqual([keyring().active]);
  }, 180_000);

  it('goes through the running hub with PATCHBAY_URL, and says so when the folder is held', async () => {
    const serve = run(['serve', '--port', '0', '--data-dir', dir]);
    const deadline = Date.now() + 90_000;
    let url = '';
    while (!url && Date.now() < deadline) {
      url = serve.out().match(/running at (http:\/\/\S+)/)?.[1] ?? '';
      if (serve.child.exitCode !== null) throw new Error(serve.err());
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!url) throw new Error(`serve did not start: ${serve.err()}`);
    const token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${url}/api/integration/auth-configs`, { method: 'POST', headers, body: JSON.stringify({ name: 'cli', auth_type: 'api_key', credentials: { api_key: 'cli-api-key-0123456789', header_name: 'X-Key' } }) });
    expect(created.status).toBe(201);

    const held = await finished(['keys', 'rotate', '--data-dir', dir]);
    expect(held.code).toBe(3);
    expect(held.err).toMatch(/PATCHBAY_URL/);

    const viaHttp = await finished(['keys', 'rotate', '--data-dir', dir], { PATCHBAY_URL: url, PATCHBAY_TOKEN: token });
    expect(viaHttp.code, viaHttp.err).toBe(0);
    expect(viaHttp.out).toMatch(/: 1 data keys re-wrapped; retired/);
    const listed = await finished(['keys', 'list'], { PATCHBAY_URL: url, PATCHBAY_TOKEN: token });
    expect(listed.out).toMatch(new RegExp(`^${keyring().active}\\tfile\\tactive\\t1 data keys`, 'm'));
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  }, 240_000);
});
