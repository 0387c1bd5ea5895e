import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@patchbay/store/testing';
import simulator from '../../../connectors/http-json/simulator/index.ts';
import { closeContractProxies } from './contract/prism.ts';
import { sharedDatabase } from './harness/database-source.ts';
import type { CheckName, CheckResult } from './report.ts';
import { runConformance } from './run-conformance.ts';
import { flawedConnector, type Flaws } from './testing/flawed-connector.ts';

/**
 * The suite's verdicts: each check fails when the connector has the fault it is about. One database
 * kind is enough here (the connector's own conformance tests run on both).
 */
describe('runConformance', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await closeContractProxies();
    await test.close();
  });

  async function check(flaws: Flaws, name: CheckName): Promise<CheckResult> {
    const report = await runConformance({ connector: flawedConnector(flaws), simulator, databases: sharedDatabase(test.database, 'pglite'), only: [name] });
    expect(report.checks.map((c) => c.name)).toEqual([name]);
    return report.checks[0]!;
  }

  it('passes a sound part of a connector, and lists checks that do not apply with the reason', async () => {
    const report = await runConformance({ connector: flawedConnector({}), simulator, databases: sharedDatabase(test.database, 'pglite'), only: ['declaration', 'json-schemas', 'full-sync', 'unauthorized-refresh'] });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['declaration', 'passed'],
      ['json-schemas', 'passed'],
      ['full-sync', 'passed'],
      ['unauthorized-refresh', 'not-applicable'],
    ]);
    expect(report.checks[3]!.reason).toMatch(/no refreshable auth method \(it uses bearer\)/);
    expect(report.checks[2]!.details).toMatchObject({ records: 14, runs: [expect.objectContaining({ created: 14, pages: 4 })] });
  });

  it('fails equal-timestamps-at-boundary when the cursor resumes strictly after the last timestamp', async () => {
    const result = await check({ strictlyAfterCursor: true }, 'equal-timestamps-at-boundary');
    expect(result.status).toBe('failed');
    expect(result.reason).toBe('resumed run: stream records has recordsCreated = 9, expected 10');
  });

  it('fails restart-mid-sync when the resumed run reads the committed pages again', async () => {
    const result = await check({ ignoreCheckpoint: true }, 'restart-mid-sync');
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/recordsUnchanged = 8, expected 0/) });
  });

  it('fails empty-page when an empty page ends the listing', async () => {
    const result = await check({ stopOnEmptyPage: true }, 'empty-page');
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/recordsCreated = \d+, expected 14/) });
  });

  it('fails ocsf-mapping when the mapper produces invalid OCSF', async () => {
    const result = await check({ invalidSeverity: true }, 'ocsf-mapping');
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/14 mapped records are not valid OCSF: \/severity_id/) });
  });

  it('fails the contract check when a request breaks the API description under Prism', async () => {
    const result = await check({ oversizedPages: true }, 'contract');
    expect(result.status).toBe('failed');
    expect(result.details).toMatchObject({ violations: expect.arrayContaining([expect.objectContaining({ type: 'UNPROCESSABLE_ENTITY', location: 'query.limit' })]) });
  });

  it('fails the declaration check for an invalid declaration', async () => {
    const broken = { ...flawedConnector({}), id: 'Not An Id' };
    const report = await runConformance({ connector: broken, simulator, only: ['declaration'] });
    expect(report.checks[0]).toMatchObject({ status: 'failed', reason: expect.stringMatching(/declaration is invalid/) });
    expect(report.database).toBe('none');
  });
});
