import { readFileSync } from 'node:fs';
import { checkoutPath } from './checkout.ts';
import { camelCase, pascalCase, singular, titleCase } from './names.ts';

export interface ScaffoldOptions {
  readonly id: string;
  readonly name?: string;
  readonly vendor?: string;
  readonly docsUrl?: string;
  /** The first stream: a plural kebab-case noun (default `alerts`). */
  readonly stream?: string;
  /** Its record's singular name (default: the stream's singular). */
  readonly record?: string;
}

/** Every name the templates use, derived once from the options. */
export interface ScaffoldNames {
  readonly id: string;
  readonly packageName: string;
  readonly name: string;
  readonly vendor: string;
  readonly docsUrl: string;
  readonly stream: string;
  readonly streamBinding: string;
  readonly streamTitle: string;
  readonly record: string;
  /** `AcmeEdr`: prefixes the connector's type names. */
  readonly typePrefix: string;
  /** `AcmeEdrAlert`: the raw record type. */
  readonly recordType: string;
  /** `mapAlert` */
  readonly mapFunction: string;
  /** `alert-store`: the simulator's store of records. */
  readonly storeFile: string;
  /** Versions the generated package.json pins, read from this checkout. */
  readonly versions: { readonly patchbay: string; readonly zod: string };
}

/** Names the generated connector.ts already binds, and words a binding cannot be. */
const TAKEN = new Set(['config', 'connector', 'default', 'delete', 'export', 'import', 'new', 'package', 'return', 'static', 'switch', 'this', 'void', 'with']);

function pinnedVersions(): ScaffoldNames['versions'] {
  const sdk = JSON.parse(readFileSync(checkoutPath('packages', 'sdk', 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const zod = sdk.dependencies['zod'];
  if (zod === undefined) throw new Error('packages/sdk/package.json does not pin zod');
  return { patchbay: sdk.version, zod };
}

export function scaffoldNames(options: ScaffoldOptions): ScaffoldNames {
  const stream = options.stream ?? 'alerts';
  const record = options.record ?? singular(stream);
  const name = options.name ?? titleCase(options.id);
  return {
    id: options.id,
    packageName: `@patchbay/connector-${options.id}`,
    name,
    vendor: options.vendor ?? name.split(' ')[0] ?? name,
    docsUrl: options.docsUrl ?? `https://docs.example.com/${options.id}/api`,
    stream,
    streamBinding: TAKEN.has(camelCase(stream)) ? `${camelCase(stream)}Stream` : camelCase(stream),
    streamTitle: titleCase(stream),
    record,
    typePrefix: pascalCase(options.id),
    recordType: `${pascalCase(options.id)}${pascalCase(record)}`,
    mapFunction: `map${pascalCase(record)}`,
    storeFile: `${record}-store`,
    versions: pinnedVersions(),
  };
}
