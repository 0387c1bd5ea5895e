import { relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { unlinkedPackages, writeRegistry, REGISTRY_FILE } from '../../../../scripts/generate-registry.ts';
import { checkoutPath, checkoutRoot } from '../scaffold/checkout.ts';
import { parseKebabName } from '../scaffold/names.ts';
import { scaffoldConnector } from '../scaffold/scaffold-connector.ts';

interface NewFlags {
  readonly dir?: string;
  readonly name?: string;
  readonly vendor?: string;
  readonly docsUrl?: string;
  readonly stream?: string;
  readonly record?: string;
}

function parseHttpsUrl(value: string): string {
  if (!URL.canParse(value) || new URL(value).protocol !== 'https:') throw new InvalidArgumentError('the documentation URL must be https');
  return value;
}

export function registerConnectorNew(connector: Command): void {
  connector
    .command('new')
    .description('Create a connector folder (connector, stream, mapper, simulator, fixtures, a passing test, README, CHANGELOG) and regenerate the registry')
    .argument('<id>', 'the connector id: the product in lowercase kebab-case, like acme-edr', parseKebabName('the connector id'))
    .option('--dir <connectors-dir>', 'where connector folders live (default: connectors/ of this checkout)')
    .option('--name <name>', 'display name (default: the id in title case)')
    .option('--vendor <vendor>', 'vendor name (default: the first word of the name)')
    .option('--docs-url <url>', "the vendor's API documentation (https)", parseHttpsUrl)
    .option('--stream <name>', 'the first stream: a plural kebab-case noun', parseKebabName('the stream name'), 'alerts')
    .option('--record <name>', "the stream's record in the singular (default: derived from --stream)", parseKebabName('the record name'))
    .action((id: string, flags: NewFlags) => {
      const connectorsDir = resolve(flags.dir ?? checkoutPath('connectors'));
      const files = scaffoldConnector(connectorsDir, { id, ...flags });
      const folder = resolve(connectorsDir, id);
      process.stdout.write(`created ${folder}/\n${files.map((file) => `  ${file}\n`).join('')}`);
      if (connectorsDir !== checkoutPath('connectors')) {
        process.stdout.write(`registry: not regenerated (${connectorsDir} is not this checkout's connectors/)\n`);
        process.stdout.write(`next: npx vitest run ${folder}\n`);
        return;
      }
      const { changed, packages } = writeRegistry(checkoutRoot);
      process.stdout.write(`registry: ${changed ? 'wrote' : 'unchanged'} ${REGISTRY_FILE}\n`);
      const unlinked = unlinkedPackages(packages, checkoutRoot);
      process.stdout.write(`next:\n${unlinked.length > 0 ? '  npm install                        links the new workspace package\n' : ''}`);
      process.stdout.write(`  npx vitest run ${relative(process.cwd(), folder) || '.'}\n`);
    });
}
