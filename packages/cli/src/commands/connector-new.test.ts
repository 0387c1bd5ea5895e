import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runConformance, type SimulatorFactory } from '@patchbay/conformance';
import type { AnyConnector } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkoutPath } from '../scaffold/checkout.ts';
import { createScaffoldWorkspace, type ScaffoldWorkspace } from '../scaffold/test-workspace.ts';
import { registerConnectorNew } from './connector-new.ts';

const bin = (name: string) => checkoutPath('node_modules', '.bin', name);

/** Runs `patchbay connector new ...args`; resolves with what it printed. */
async function connectorNew(args: readonly string[]): Promise<string> {
  const group = new Command('connector').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerConnectorNew(group);
  for (const sub of group.commands) sub.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await group.parseAsync(['new', ...args], { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

function run(command: string, args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('patchbay connector new', () => {
  let ws: ScaffoldWorkspace;
  beforeAll(() => {
    ws = createScaffoldWorkspace();
  });
  afterAll(() => ws.remove());

  it('writes the standard file roles, and each generated connector type-checks, lints and passes its own tests', async () => {
    const printed = await connectorNew(['acme-edr', '--dir', ws.connectorsDir, '--name', 'Acme EDR']);
    await connectorNew(['globex-scanner', '--dir', ws.connectorsDir, '--stream', 'vulnerabilities', '--docs-url', 'https://developer.globex.example/api']);
    await connectorNew(['initech-siem', '--dir', ws.connectorsDir, '--stream', 'system-log', '--vendor', 'Initech']);

    expect(printed).toContain(`created ${join(ws.connectorsDir, 'acme-edr')}/`);
    expect(printed).toContain('not regenerated');
    const roles = ['package.json', 'connector.ts', 'streams/alerts.ts', 'streams/alerts.test.ts', 'streams/expired-cursor.ts', 'mappers/alert.ts', 'mappers/alert.test.ts', 'simulator/index.ts'];
    for (const file of [...roles, 'fixtures/alerts-pages.json', 'fixtures/README.md', 'connector.test.ts', 'README.md', 'CHANGELOG.md']) {
      expect(existsSync(join(ws.connectorsDir, 'acme-edr', file)), file).toBe(true);
    }
    expect(existsSync(join(ws.connectorsDir, 'globex-scanner', 'mappers', 'vulnerability.ts'))).toBe(true);
    expect(existsSync(join(ws.connectorsDir, 'initech-siem', 'streams', 'system-log.ts'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ws.connectorsDir, 'acme-edr', 'package.json'), 'utf8')) as { name: string; exports: unknown };
    expect(manifest).toMatchObject({ name: '@patchbay/connector-acme-edr', exports: { '.': './connector.ts' } });
    expect(readFileSync(join(ws.connectorsDir, 'acme-edr', 'fixtures', 'README.md'), 'utf8')).toContain('**hand-written**');

    const [types, lint, tests] = await Promise.all([
      run(bin('tsc'), ['-p', 'tsconfig.json'], ws.root),
      run(bin('eslint'), ['connectors', '--max-warnings=0'], ws.root),
      // The unit tests; the conformance suite in connector.test.ts runs below, in this process, which has the test databases.
      run(bin('vitest'), ['run', '--reporter=dot', 'mappers/', 'streams/'], ws.root),
    ]);
    expect({ code: types.code, output: types.output }).toEqual({ code: 0, output: '' });
    expect({ code: lint.code, output: lint.output }).toEqual({ code: 0, output: '' });
    expect(tests.output).toMatch(/Test Files\s+6 passed \(6\)/);
    expect(tests.output).toMatch(/Tests\s+18 passed \(18\)/);
    expect(tests.code).toBe(0);
  }, 180_000);

  it('generates a connector whose simulator passes the conformance suite', async () => {
    const folder = join(ws.connectorsDir, 'acme-edr');
    const connector = ((await import(pathToFileURL(join(folder, 'connector.ts')).href)) as { default: AnyConnector }).default;
    const simulator = ((await import(pathToFileURL(join(folder, 'simulator', 'index.ts')).href)) as { default: SimulatorFactory }).default;
    const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';
    const report = await runConformance({ connector, simulator, kind });
    const byStatus = (status: string) => report.checks.filter((c) => c.status === status).map((c) => c.name);
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(byStatus('passed')).toEqual(expect.arrayContaining(['declaration', 'full-sync', 'ocsf-mapping', 'restart-mid-sync', 'rate-limit-retry-after', 'page-token-expired', 'equal-timestamps-at-boundary', 'empty-page']));
    // A bearer token cannot be refreshed; the example API lists oldest first and has no published description.
    expect(byStatus('not-applicable')).toEqual(['unauthorized-refresh', 'newest-first', 'contract']);
  }, 180_000);

  it('refuses a folder that exists and an id that is not kebab-case', async () => {
    await expect(connectorNew(['acme-edr', '--dir', ws.connectorsDir])).rejects.toMatchObject({ code: 'CONFLICT' });
    const usage = await connectorNew(['Acme_EDR', '--dir', ws.connectorsDir]).catch((error: unknown) => error);
    expect(usage).toBeInstanceOf(CommanderError);
    expect((usage as CommanderError).message).toContain('lowercase kebab-case');
    const badUrl = await connectorNew(['hooli', '--dir', ws.connectorsDir, '--docs-url', 'http://docs.hooli.example']).catch((error: unknown) => error);
    expect((badUrl as CommanderError).message).toContain('https');
    expect(existsSync(join(ws.connectorsDir, 'hooli'))).toBe(false);
  });
});
