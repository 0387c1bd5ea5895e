import { Command, CommanderError } from 'commander';
import { isPatchbayError } from '@patchbay/types';
import { registerAudit } from './commands/audit.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerServe } from './commands/serve.ts';
import { registerToken } from './commands/token.ts';
import { registerKeys } from './commands/keys.ts';
import { registerWorker } from './commands/worker.ts';
import { registerSync } from './commands/sync.ts';
import { registerNormalize } from './commands/normalize.ts';
import { registerConnectorNew } from './commands/connector-new.ts';
import { registerConnectorRecord } from './commands/connector-record.ts';
import { registerConnectorTest } from './commands/connector-test.ts';
import { registerConfig } from './commands/config.ts';
import { EXIT } from './exit-codes.ts';

export function buildProgram(): Command {
  const program = new Command('patchbay')
    .description('Patchbay: the security integration hub')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerServe(program);
  registerMigrate(program);
  registerAudit(program);
  registerToken(program);
  registerKeys(program);
  registerWorker(program);
  registerSync(program);
  registerNormalize(program);
  registerConfig(program);
  const connector = program.command('connector').description('Build and check connectors: new, test, record');
  registerConnectorNew(connector);
  registerConnectorTest(connector);
  registerConnectorRecord(connector);
  exitOverrideAll(program);
  return program;
}

/** Usage errors anywhere in the tree become exceptions, so `main` maps them to exit code 2. */
function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage, 3 conflict). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    if (isPatchbayError(error)) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
      return error.code === 'DATA_DIR_LOCKED' ? EXIT.conflict : EXIT.failure;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failure;
  }
}
