import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { staticKeyProvider } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../../server/src/testing/test-hub.ts';
import { main } from '../main.ts';

const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';

/** Runs the CLI in this process and returns its exit code and what it printed. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, { PATCHBAY_LOG_LEVEL: 'silent', ...env });
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.env = saved;
    process.exitCode = undefined;
  }
}

describe(`patchbay export and import through a running hub on ${kind}`, () => {
  let hub: TestHub;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-config-'));

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { vault: { keys: staticKeyProvider({ active: randomBytes(32) }) } });
    const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
    env = { PATCHBAY_URL: url, PATCHBAY_TOKEN: hub.tokens.admin };
    const res = await hub.app.inject({ method: 'POST', url: '/api/integration/webhooks', headers: hub.auth('admin'), payload: { url: 'https://hooks.example.com/a', description: 'A' } });
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports to a file, plans an import with --dry-run, applies it, and reports problems by field', async () => {
    const file = join(dir, 'patchbay.yaml');
    const exported = await cli(['export', '--out', file], env);
    expect(exported.code, exported.err).toBe(0);
    const doc = parse(readFileSync(file, 'utf8'));
    expect(doc.webhook_endpoints).toEqual([{ url: 'https://hooks.example.com/a', description: 'A', is_active: true, allow_private_network: false }]);
    const stdout = await cli(['export'], env);
    expect(stdout.out).toBe(readFileSync(file, 'utf8'));

    doc.webhook_endpoints.push({ url: 'https://hooks.example.com/b', description: 'B', is_active: true, allow_private_network: false });
    writeFileSync(file, stringify(doc));
    const plan = await cli(['import', file, '--dry-run'], env);
    expect(plan.code, plan.err).toBe(0);
    expect(plan.out).toBe('+ webhook_endpoint https://hooks.example.com/b\nplan (dry run, nothing applied): 1 to create, 0 to update, 1 unchanged, 0 to delete\n');
    const applied = await cli(['import', file], env);
    expect(applied.out).toMatch(/^applied: 1 to create/m);
    expect((await cli(['import', file], env)).out).toMatch(/^nothing to change: 0 to create, 0 to update, 2 unchanged/m);

    writeFileSync(file, stringify({ ...doc, webhook_endpoints: [doc.webhook_endpoints[0]] }));
    expect((await cli(['import', file, '--prune'], env)).out).toMatch(/^- webhook_endpoint https:\/\/hooks.example.com\/b$/m);

    writeFileSync(file, stringify({ ...doc, typo: 1 }));
    const bad = await cli(['import', file], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/CONFIG_IMPORT_INVALID[\s\S]*typo: unknown key/);
  });
});

describe('patchbay export and import directly on a data folder (no server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-config-direct-'));
  const data = join(dir, 'data');
  const direct = { PATCHBAY_URL: '', PATCHBAY_TOKEN: '' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each command opens the folder (PGlite) and closes it again: four of them keep this test short.
  it('opens the folder itself, applies a document with a plan, and exports it back', async () => {
    const file = join(dir, 'patchbay.yaml');
    const siem = { name: 'siem', connector: 'syslog', credential: null, configuration: { host: 'siem.example.com', port: 6514, protocol: 'tls' }, connection_url: null, allow_private_network: false, schedules: [], action_limits: [] };
    const soc = { name: 'soc', instance: 'siem', format: 'cef', format_options: {}, event_type: 'finding.*', source_instance: null, filter_criteria: { severity_at_least: 4 }, is_active: true };
    const endpoint = { url: 'https://hooks.example.com/direct', description: 'Direct', is_active: true, allow_private_network: false };
    writeFileSync(file, stringify({ patchbay: 1, instances: [siem], webhook_endpoints: [endpoint], destinations: [soc] }));

    const plan = await cli(['import', file, '--dry-run', '--data-dir', data], direct);
    expect(plan.code, plan.err).toBe(0);
    expect(plan.out).toBe('+ webhook_endpoint https://hooks.example.com/direct\n+ instance siem\n+ destination soc\nplan (dry run, nothing applied): 3 to create, 0 to update, 0 unchanged, 0 to delete\n');

    // Still three to create: the dry run applied nothing.
    const applied = await cli(['import', file, '--data-dir', data], direct);
    expect(applied.out).toMatch(/^applied: 3 to create, 0 to update, 0 unchanged/m);
    const out = join(dir, 'exported.yaml');
    expect((await cli(['export', '--out', out, '--data-dir', data], direct)).code).toBe(0);
    const exported = parse(readFileSync(out, 'utf8'));
    expect(exported).toMatchObject({ instances: [{ ...siem, connector_version: expect.any(String) }], webhook_endpoints: [endpoint], destinations: [soc] });

    expect(exported).toMatchObject({ credentials: [], mappings: [], subscriptions: [] });

    // The exported file is the configuration: importing it changes nothing.
    expect((await cli(['import', out, '--data-dir', data], direct)).out).toMatch(/^nothing to change: 0 to create, 0 to update, 3 unchanged, 0 to delete$/m);
  }, 90_000);
});
