import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PatchbayError } from '@patchbay/types';
import { scaffoldNames, type ScaffoldOptions } from './scaffold-names.ts';
import { connectorFile } from './templates/connector.ts';
import { changelogFile, readmeFile } from './templates/docs.ts';
import { expiredCursorFile } from './templates/expired-cursor.ts';
import { fixturesReadme, pagesFixture, unauthorizedFixture } from './templates/fixtures.ts';
import { mapperFile } from './templates/mapper.ts';
import { packageJson } from './templates/package-json.ts';
import { simulatorStoreFile } from './templates/simulator-store.ts';
import { simulatorFile } from './templates/simulator.ts';
import { streamFile } from './templates/stream.ts';
import { connectorTestFile, mapperTestFile, streamTestFile } from './templates/tests.ts';

/** Every file of a new connector folder, by path inside it: the standard file roles. */
export function connectorFiles(options: ScaffoldOptions): ReadonlyMap<string, string> {
  const n = scaffoldNames(options);
  return new Map([
    ['package.json', packageJson(n)],
    ['connector.ts', connectorFile(n)],
    [`streams/${n.stream}.ts`, streamFile(n)],
    [`streams/${n.stream}.test.ts`, streamTestFile(n)],
    ['streams/expired-cursor.ts', expiredCursorFile(n)],
    [`mappers/${n.record}.ts`, mapperFile(n)],
    [`mappers/${n.record}.test.ts`, mapperTestFile(n)],
    ['simulator/index.ts', simulatorFile(n)],
    [`simulator/${n.storeFile}.ts`, simulatorStoreFile(n)],
    [`fixtures/${n.stream}-pages.json`, pagesFixture(n)],
    ['fixtures/unauthorized.json', unauthorizedFixture(n)],
    ['fixtures/README.md', fixturesReadme(n)],
    ['connector.test.ts', connectorTestFile()],
    ['README.md', readmeFile(n)],
    ['CHANGELOG.md', changelogFile(n)],
  ]);
}

/** Writes `<connectorsDir>/<id>/`; refuses a folder that exists. Returns the written paths, relative to it. */
export function scaffoldConnector(connectorsDir: string, options: ScaffoldOptions): string[] {
  const folder = join(connectorsDir, options.id);
  if (existsSync(folder)) {
    throw new PatchbayError('CONFLICT', { field: 'id', message: `${folder} already exists`, hint: 'Choose another id, or remove the folder first.' });
  }
  const files = connectorFiles(options);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text, { encoding: 'utf8', flag: 'wx' });
  }
  return [...files.keys()];
}
