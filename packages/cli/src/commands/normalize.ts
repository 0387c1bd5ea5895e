import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkMapping, compileMapping, normalizeRecord, requireStream, streamClassUid, type MappingOverride, type MappingStep } from '@patchbay/engine';
import type { AnyConnector } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { EXIT } from '../exit-codes.ts';

export interface NormalizeInput {
  readonly connectors: readonly AnyConnector[];
  readonly connectorId: string;
  readonly stream: string;
  /** The raw records: a JSON array, one JSON value, or JSON lines. */
  readonly text: string;
  /** A DataMapping body (`field_mappings`, `transformations`) applied after the connector's mapper. */
  readonly mapping?: { field_mappings?: Record<string, string>; transformations?: MappingStep[] };
  /** Print the mapped output of records that fail OCSF validation instead of `null`. */
  readonly keepInvalid?: boolean;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now?: Date;
}

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** A JSON array, or one JSON document, or JSON lines (each line one record; blank lines skipped). */
export function parseRecords(text: string): Parsed[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole.map((value) => ({ ok: true, value })) : [{ ok: true, value: whole }];
  } catch {
    if (trimmed.startsWith('[')) throw new PatchbayError('VALIDATION_FAILED', { message: 'The input starts like a JSON array but is not valid JSON' });
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line !== '')
    .map(({ line, n }) => {
      try {
        return { ok: true, value: JSON.parse(line) as unknown };
      } catch (error) {
        return { ok: false, message: `line ${n} is not JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
    });
}

function describeReason(reason: Record<string, unknown>): string {
  const errors = reason.errors as { path: string; message: string }[] | undefined;
  if (Array.isArray(errors)) return `invalid OCSF: ${errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')}`;
  return `failed: ${String(reason.message ?? 'unknown error')}`;
}

/**
 * Maps raw vendor records to OCSF with a built-in connector's own mapper (and optionally a mapping),
 * without a hub: line N of the output is input record N (`null` when it is not a valid OCSF record),
 * reasons go to `err`. Returns the exit code: 1 when any record failed.
 */
export async function runNormalize(input: NormalizeInput): Promise<number> {
  const connector = input.connectors.find((c) => c.id === input.connectorId);
  if (!connector) {
    throw new PatchbayError('CONNECTOR_NOT_FOUND', { field: 'connector', message: `No built-in connector ${input.connectorId}`, hint: `Built-in connectors: ${input.connectors.map((c) => c.id).join(', ') || 'none'}.` });
  }
  const stream = requireStream(connector, input.stream);
  let override: MappingOverride | undefined;
  if (input.mapping) {
    const spec = { fieldMappings: input.mapping.field_mappings ?? {}, transformations: input.mapping.transformations };
    for (const w of checkMapping(spec, streamClassUid(stream)).warnings) input.err(`mapping warning: ${w.field}: ${w.message}`);
    override = compileMapping(spec, streamClassUid(stream)).override;
  }
  const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: 'normalize', receivedAt: input.now ?? new Date() };
  let failures = 0;
  for (const [i, parsed] of parseRecords(input.text).entries()) {
    if (!parsed.ok) {
      failures++;
      input.out('null');
      input.err(`record ${i + 1}: ${parsed.message}`);
      continue;
    }
    const outcome = await normalizeRecord(parsed.value, { stream, meta, override });
    if (outcome.ok) {
      input.out(JSON.stringify(outcome.record.data));
      continue;
    }
    failures++;
    const id = outcome.rejected.externalId === null ? '' : ` (id ${outcome.rejected.externalId})`;
    input.err(`record ${i + 1}${id}: ${describeReason(outcome.rejected.reason)}`);
    input.out(input.keepInvalid && outcome.output ? JSON.stringify(outcome.output) : 'null');
  }
  if (failures) input.err(`${failures} record(s) could not be normalised`);
  return failures ? EXIT.failure : EXIT.ok;
}

/** The built-in connectors (the generated registry). */
async function loadBuiltIns(): Promise<readonly AnyConnector[]> {
  const engine = (await import('@patchbay/engine')) as { builtInConnectors?: readonly AnyConnector[] };
  if (engine.builtInConnectors) return engine.builtInConnectors;
  const generated = new URL('../../../engine/src/runtime/built-in-connectors.generated.ts', import.meta.url);
  return ((await import(generated.href)) as { builtInConnectors: readonly AnyConnector[] }).builtInConnectors;
}

function readInput(file: string | undefined): string {
  return file && file !== '-' ? readFileSync(file, 'utf8') : readFileSync(0, 'utf8');
}

export function registerNormalize(program: Command, loadConnectors: () => Promise<readonly AnyConnector[]> = loadBuiltIns): void {
  program
    .command('normalize')
    .description('Map raw vendor records (a JSON array or JSON lines, from FILE or stdin) to OCSF with a built-in connector; prints one JSON line per input record (null when invalid, reasons on stderr, exit 1). Needs no hub.')
    .requiredOption('--connector <id>', 'built-in connector id')
    .requiredOption('--stream <name>', 'stream of the connector')
    .option('--mapping <file>', 'a DataMapping body (JSON with field_mappings and transformations) to apply after the connector mapper')
    .option('--keep-invalid', 'print the mapped output of records that fail OCSF validation instead of null')
    .argument('[file]', 'input file (default: stdin)')
    .action(async (file: string | undefined, flags: { connector: string; stream: string; mapping?: string; keepInvalid?: boolean }) => {
      const mapping = flags.mapping ? (JSON.parse(readFileSync(flags.mapping, 'utf8')) as NormalizeInput['mapping']) : undefined;
      const lines: string[] = [];
      const flush = () => {
        if (lines.length) process.stdout.write(`${lines.splice(0).join('\n')}\n`);
      };
      const code = await runNormalize({
        connectors: await loadConnectors(),
        connectorId: flags.connector,
        stream: flags.stream,
        text: readInput(file),
        mapping,
        keepInvalid: flags.keepInvalid,
        out: (line) => {
          lines.push(line);
          if (lines.length >= 512) flush();
        },
        err: (line) => {
          flush();
          process.stderr.write(`${line}\n`);
        },
      });
      flush();
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
