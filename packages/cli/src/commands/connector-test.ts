import type { Command } from 'commander';
import { checkNames, closeContractProxies, formatReport, isCheckName, isStatefulCheck, runConformance, sharedDatabase, summarize, type CheckName, type SimulatorFactory } from '@patchbay/conformance';
import type { AnyConnector } from '@patchbay/sdk';
import { migrate, openPglite, type Database } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { EXIT } from '../exit-codes.ts';

/** A built-in connector and the simulator of its vendor that conformance runs against. */
export interface ConformanceSubject {
  readonly connector: AnyConnector;
  readonly simulator: SimulatorFactory;
}

export interface ConnectorTestDeps {
  /** Finds a built-in connector and its simulator by id (default: `@patchbay/connector-<id>` and `connectors/<id>/simulator/index.ts`). */
  readonly load?: (id: string) => Promise<ConformanceSubject>;
  /** Where the report goes (default stdout). */
  readonly write?: (text: string) => void;
  /** The database the scenarios share, each with its own instance (default: a new in-memory PGlite, migrated). */
  readonly openDatabase?: () => Promise<Database>;
}

async function inMemoryDatabase(): Promise<Database> {
  const database = await openPglite();
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

const CONNECTOR_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function notFound(id: string, cause: unknown): PatchbayError {
  return new PatchbayError('CONNECTOR_NOT_FOUND', {
    message: `No built-in connector "${id}" with a simulator`,
    hint: `A built-in connector lives in connectors/${id}/ (package @patchbay/connector-${id}) with its simulator in connectors/${id}/simulator/index.ts.`,
    cause,
  });
}

/** Imports the connector package's default export and its simulator's default export. */
export async function loadBuiltIn(id: string): Promise<ConformanceSubject> {
  if (!CONNECTOR_ID.test(id)) throw new PatchbayError('VALIDATION_FAILED', { field: 'id', message: `"${id}" is not a connector id`, hint: 'Connector ids are lowercase kebab-case, like http-json.' });
  try {
    const connector = ((await import(`@patchbay/connector-${id}`)) as { default: AnyConnector }).default;
    const simulatorUrl = new URL(`../../../../connectors/${id}/simulator/index.ts`, import.meta.url);
    const simulator = ((await import(simulatorUrl.href)) as { default: SimulatorFactory }).default;
    if (connector?.kind !== 'connector' || typeof simulator !== 'function') throw new Error('the modules do not default-export a connector and a simulator factory');
    return { connector, simulator };
  } catch (error) {
    throw notFound(id, error);
  }
}

function parseOnly(value: string | undefined): CheckName[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isCheckName(name));
  if (unknown.length > 0) throw new PatchbayError('VALIDATION_FAILED', { field: 'only', message: `Unknown checks: ${unknown.join(', ')}`, hint: 'Run without --only to see every check name.' });
  return names as CheckName[];
}

/**
 * `patchbay connector test <id>`: runs the conformance suite for a built-in connector against its
 * simulator on an in-memory PGlite (no data folder), prints one line per check, exits 1 when any fails.
 */
export function registerConnectorTest(connectorCommand: Command, deps: ConnectorTestDeps = {}): void {
  connectorCommand
    .command('test <id>')
    .description('Run the conformance suite for a built-in connector against its simulator (in-memory database)')
    .option('--only <checks>', 'comma-separated check names to run')
    .option('--json', 'print the report as JSON')
    .action(async (id: string, flags: { only?: string; json?: boolean }) => {
      const only = parseOnly(flags.only);
      const subject = await (deps.load ?? loadBuiltIn)(id);
      const write = deps.write ?? ((text: string) => process.stdout.write(text));
      const database = (only ?? checkNames).some(isStatefulCheck) ? await (deps.openDatabase ?? inMemoryDatabase)() : undefined;
      try {
        const report = await runConformance({ ...subject, ...(database ? { databases: sharedDatabase(database, deps.openDatabase ? database.kind : 'pglite (in memory)') } : {}), ...(only ? { only } : {}) });
        write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
        process.exitCode = summarize(report).failed > 0 ? EXIT.failure : EXIT.ok;
      } finally {
        await closeContractProxies();
        await database?.close();
      }
    });
}
