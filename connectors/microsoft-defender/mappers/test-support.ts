import { readFileSync } from 'node:fs';
import type { MapMeta } from '@patchbay/sdk';

/** What the mapper tests pass as MapMeta: receivedAt is fixed (mappers must not depend on it when the record has a time). */
export const meta: MapMeta = {
  connector: { id: 'microsoft-defender', name: 'Microsoft Defender', vendor: 'Microsoft', version: '1.0.0' },
  stream: 'test',
  instanceId: 'test',
  receivedAt: new Date('2026-05-01T00:00:00.000Z'),
};

interface FixtureFile {
  readonly exchanges: readonly { readonly response: { readonly body?: { readonly json?: unknown } } }[];
}

/** The `value` items of every answer in a hand-written fixture file of ../fixtures. */
export function fixtureItems<T>(name: string): T[] {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as FixtureFile;
  return file.exchanges.flatMap((exchange) => ((exchange.response.body?.json as { value?: T[] } | undefined)?.value ?? []));
}

interface PantherTest {
  readonly log_types: readonly string[];
  readonly test_name: string;
  readonly log: Record<string, unknown>;
}

/** Real vendor events of ../shared/vendor/samples/panther-rule-tests/<file> of one log type. */
export function pantherSamples(file: string, logType: string): { name: string; log: Record<string, unknown> }[] {
  const url = new URL(`../../../../shared/vendor/samples/panther-rule-tests/${file}`, import.meta.url);
  const tests = JSON.parse(readFileSync(url, 'utf8')) as PantherTest[];
  return tests.filter((t) => t.log_types.includes(logType)).map((t) => ({ name: t.test_name, log: t.log }));
}
