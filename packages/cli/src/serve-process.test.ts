import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/patchbay.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'patchbay-serve-'));
const children: ChildProcess[] = [];

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stdout: () => string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, PATCHBAY_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, exited, out: () => out, err: () => err };
}

async function serve(): Promise<Started> {
  const p = run(['serve', '--port', '0', '--data-dir', dir]);
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    const m = p.out().match(/running at (http:\/\/\S+)/);
    if (m) return { child: p.child, url: m[1]!, stdout: p.out };
    if (p.child.exitCode !== null) throw new Error(`serve exited ${p.child.exitCode}: ${p.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`serve did not start: ${p.err()}`);
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('patchbay serve as a real process', () => {
  let token = '';
  let instanceId = '';

  it('first start prints the admin token once and saves it 0600', async () => {
    const hub = await serve();
    token = readFileSync(join(dir, 'initial-admin-token'), 'utf8').trim();
    expect(hub.stdout()).toContain(token);
    expect(readFileSync(join(dir, 'patchbay.lock'), 'utf8').trim()).toBe(String(hub.child.pid));
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'initial-admin-token')).mode & 0o777).toBe(0o600);
    const health = await fetch(`${hub.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });

    // A second process on the same folder exits 3 naming the holder.
    const second = run(['serve', '--port', '0', '--data-dir', dir]);
    expect(await second.exited).toBe(3);
    expect(second.err()).toContain(`pid ${hub.child.pid}`);

    // A direct command too, and it says how to reach the running hub instead.
    const verify = run(['audit', 'verify', '--data-dir', dir]);
    expect(await verify.exited).toBe(3);
    expect(verify.err()).toMatch(/PATCHBAY_URL/);
    const viaHttp = run(['audit', 'verify'], { PATCHBAY_URL: hub.url, PATCHBAY_TOKEN: token });
    expect(await viaHttp.exited).toBe(0);
    expect(viaHttp.out()).toMatch(/audit chain intact/);

    const created = await fetch(`${hub.url}/api/integration/instances`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'survives-kill', connector_id: 'http-json', configuration: { base_url: 'https://api.example.com' } }),
    });
    expect(created.status).toBe(201);
    instanceId = ((await created.json()) as { id: string }).id;

    // SIGTERM: stops within 10 s, exit 0, lock released.
    const started = Date.now();
    hub.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => hub.child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(dir, 'patchbay.lock'))).toBe(false);
  }, 60_000);

  it('recovers the folder by itself after SIGKILL, with committed data intact', async () => {
    const hub = await serve();
    expect(hub.stdout()).not.toContain(token); // not a first start: the token is not printed again
    const made = await fetch(`${hub.url}/api/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'before-kill', role: 'viewer' }),
    });
    expect(made.status).toBe(201);
    hub.child.kill('SIGKILL');
    await new Promise((r) => hub.child.on('exit', r));
    expect(existsSync(join(dir, 'patchbay.lock'))).toBe(true); // left behind, holder dead

    const again = await serve();
    const list = await fetch(`${again.url}/api/admin/tokens`, { headers: { authorization: `Bearer ${token}` } });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((t) => t.name);
    expect(names).toContain('before-kill');
    const inst = await fetch(`${again.url}/api/integration/instances/${instanceId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(inst.status).toBe(200);
    const verify = run(['audit', 'verify'], { PATCHBAY_URL: again.url, PATCHBAY_TOKEN: token });
    expect(await verify.exited).toBe(0);
    again.child.kill('SIGTERM');
    await new Promise((r) => again.child.on('exit', r));
  }, 60_000);

  it('takes over a lock whose holder is dead', async () => {
    const dead = run(['--version']);
    await dead.exited;
    writeFileSync(join(dir, 'patchbay.lock'), `${dead.child.pid}\n`);
    const hub = await serve();
    expect(readFileSync(join(dir, 'patchbay.lock'), 'utf8').trim()).toBe(String(hub.child.pid));
    hub.child.kill('SIGTERM');
    await new Promise((r) => hub.child.on('exit', r));
  }, 60_000);
});

describe('CLI contract', () => {
  it('prints only the token on the last line of token create, and exits 2 on usage errors', async () => {
    const own = mkdtempSync(join(tmpdir(), 'patchbay-cli-'));
    try {
      const created = run(['token', 'create', '--role', 'auditor', '--data-dir', own]);
      expect(await created.exited).toBe(0);
      const lines = created.out().trim().split('\n');
      expect(lines.at(-1)).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
      expect(created.err()).toMatch(/initial admin token was written/);
      const bad = run(['token', 'create', '--role', 'root', '--data-dir', own]);
      expect(await bad.exited).toBe(2);
      const unknown = run(['frobnicate']);
      expect(await unknown.exited).toBe(2);
      const help = run(['serve', '--help']);
      expect(await help.exited).toBe(0);
      expect(help.out()).toMatch(/--no-workers/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});
