import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@patchbay/store/testing';
import simulator from '../../../../connectors/http-json/simulator/index.ts';
import { flawedConnector } from '../../../conformance/src/testing/flawed-connector.ts';
import { registerConnectorTest, type ConnectorTestDeps } from './connector-test.ts';

async function run(argv: string[], deps: ConnectorTestDeps = {}): Promise<{ output: string; exitCode: number | undefined }> {
  let output = '';
  const program = new Command('patchbay').exitOverride();
  registerConnectorTest(program.command('connector'), { write: (text) => (output += text), ...deps });
  await program.parseAsync(argv, { from: 'user' });
  return { output, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
}

describe('patchbay connector test', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('finds a built-in connector and its simulator by id, prints a table and exits 0', async () => {
    const { output, exitCode } = await run(['connector', 'test', 'http-json', '--only', 'declaration,json-schemas']);
    expect(output).toMatch(/^conformance of http-json 1\.0\.0 \(database: none\)/);
    expect(output).toMatch(/\ndeclaration +pass +\d+ ms\n/);
    expect(output).toMatch(/\njson-schemas +pass /);
    expect(output).toMatch(/\n2 passed, 0 failed, 0 not applicable\n$/);
    expect(exitCode).toBe(0);
  });

  it('exits 1 and names the reason when a check fails, and reports checks that do not apply', async () => {
    const { output, exitCode } = await run(['connector', 'test', 'flawed-json', '--only', 'ocsf-mapping,unauthorized-refresh', '--json'], {
      load: async () => ({ connector: flawedConnector({ invalidSeverity: true }), simulator }),
      openDatabase: async () => (await createTestDatabase('pglite')).database,
    });
    const report = JSON.parse(output) as { database: string; checks: { name: string; status: string; reason: string }[] };
    expect(report.database).toBe('pglite');
    expect(report.checks).toEqual([
      expect.objectContaining({ name: 'ocsf-mapping', status: 'failed', reason: expect.stringMatching(/not valid OCSF/) }),
      expect.objectContaining({ name: 'unauthorized-refresh', status: 'not-applicable', reason: expect.stringMatching(/no refreshable auth method/) }),
    ]);
    expect(exitCode).toBe(1);
  });

  it('refuses an unknown connector and an unknown check by name', async () => {
    await expect(run(['connector', 'test', 'no-such-thing'])).rejects.toMatchObject({ code: 'CONNECTOR_NOT_FOUND' });
    await expect(run(['connector', 'test', '../etc'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(run(['connector', 'test', 'http-json', '--only', 'full-sync,teleport'])).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: 'Unknown checks: teleport' });
  });
});
