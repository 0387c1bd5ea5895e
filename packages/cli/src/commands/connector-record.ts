import { join, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { isPatchbayError, systemClock } from '@patchbay/types';
import { EXIT } from '../exit-codes.ts';
import { credentialsFromEnv, ENV_PREFIX } from '../record/env-credentials.ts';
import { loadConnector } from '../record/load-connector.ts';
import { recordStream } from '../record/record-stream.ts';
import { stderrLogger } from '../record/stderr-logger.ts';
import { checkoutPath } from '../scaffold/checkout.ts';
import { parseKebabName } from '../scaffold/names.ts';

interface RecordFlags {
  readonly baseUrl: string;
  readonly stream?: string;
  readonly pages: number;
  readonly allowPrivateNetwork?: boolean;
  readonly config: Record<string, unknown>;
  readonly auth?: string;
  readonly dir?: string;
}

const CREDENTIALS_HELP = `
Credentials come from environment variables, never from flags:
  ${ENV_PREFIX}<FIELD>, one per credential field of the auth method (--auth picks one; default: the first):
  bearer                  ${ENV_PREFIX}TOKEN
  api_key                 ${ENV_PREFIX}API_KEY (one per {placeholder} of the method's format)
  basic                   ${ENV_PREFIX}USERNAME, ${ENV_PREFIX}PASSWORD
  client_certificate      ${ENV_PREFIX}CERTIFICATE, ${ENV_PREFIX}PRIVATE_KEY, ${ENV_PREFIX}PASSPHRASE (optional)
  aws                     ${ENV_PREFIX}ACCESS_KEY_ID, ${ENV_PREFIX}SECRET_ACCESS_KEY, ${ENV_PREFIX}SESSION_TOKEN (optional)
  oauth2_*, jwt_bearer    ${ENV_PREFIX}ACCESS_TOKEN (a token you obtained with the OAuth client)
Credential headers are never recorded, and every credential value is replaced by [REDACTED] wherever
it appears in URLs and bodies.

Example:
  ${ENV_PREFIX}TOKEN=... patchbay connector record acme-edr --base-url https://api.acme.example --pages 2`;

function parsePages(value: string): number {
  const pages = Number(value);
  if (!Number.isInteger(pages) || pages < 1 || pages > 100) throw new InvalidArgumentError('a whole number from 1 to 100');
  return pages;
}

function parseUrl(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new InvalidArgumentError('an http or https URL');
  return value;
}

function parseConfig(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('a JSON object of non-secret settings');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('a JSON object of non-secret settings');
  return parsed as Record<string, unknown>;
}

export function registerConnectorRecord(connector: Command): void {
  connector
    .command('record')
    .description("Run a connector's stream against a live API and save the exchanges, secrets scrubbed, to connectors/<id>/fixtures/recorded/<stream>.json")
    .argument('<id>', 'the connector id', parseKebabName('the connector id'))
    .requiredOption('--base-url <url>', "the live API's base URL", parseUrl)
    .option('--stream <name>', 'the stream to run (needed when the connector has several)')
    .option('--pages <n>', 'stop after this many pages of the stream', parsePages, 1)
    .option('--allow-private-network', 'allow loopback and private addresses (a simulator or an on-premises API)')
    .option('--config <json>', 'non-secret instance settings as JSON (base_url defaults to --base-url)', parseConfig, {})
    .option('--auth <type>', 'which of the connector auth methods to use (default: its first)')
    .option('--dir <connectors-dir>', 'where connector folders live (default: connectors/ of this checkout)')
    .addHelpText('after', CREDENTIALS_HELP)
    .action(async (id: string, flags: RecordFlags) => {
      const connectorsDir = resolve(flags.dir ?? checkoutPath('connectors'));
      const loaded = await loadConnector(connectorsDir, id);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        const summary = await recordStream({
          connector: loaded,
          baseUrl: flags.baseUrl,
          configuration: flags.config,
          pages: flags.pages,
          allowPrivateNetwork: flags.allowPrivateNetwork === true,
          credentials: credentialsFromEnv(loaded, process.env, flags.config, flags.auth),
          outDir: join(connectorsDir, id, 'fixtures', 'recorded'),
          clock: systemClock,
          log: stderrLogger(),
          signal: controller.signal,
          ...(flags.stream === undefined ? {} : { stream: flags.stream }),
        });
        const where = relative(process.cwd(), summary.file) || summary.file;
        process.stdout.write(`recorded ${summary.exchanges} exchanges (${summary.pages} pages, ${summary.records} records of ${summary.stream}) to ${where}\n`);
        for (const bad of summary.invalid) process.stdout.write(`record ${bad.index} does not map to valid OCSF:\n${bad.problems.map((p) => `  ${p}\n`).join('')}`);
        if (summary.error !== undefined) {
          const error = summary.error;
          process.stderr.write(`stopped early: ${isPatchbayError(error) ? `[${error.code}] ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
        }
        if (summary.error !== undefined || summary.invalid.length > 0) process.exitCode = EXIT.failure;
      } finally {
        process.off('SIGINT', stop);
      }
    });
}
