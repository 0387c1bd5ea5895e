import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutPath } from './checkout.ts';

export interface ScaffoldWorkspace {
  readonly root: string;
  readonly connectorsDir: string;
  remove(): void;
}

/**
 * A folder outside the checkout where generated connectors resolve their packages: `node_modules`
 * links to the checkout's, and a tsconfig and eslint config extend the checkout's own. Nothing is copied.
 */
export function createScaffoldWorkspace(): ScaffoldWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'patchbay-scaffold-'));
  symlinkSync(checkoutPath('node_modules'), join(root, 'node_modules'), 'dir');
  const connectorsDir = join(root, 'connectors');
  mkdirSync(connectorsDir);
  const tsconfig = { extends: checkoutPath('tsconfig.base.json'), include: ['connectors/**/*.ts'] };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
  writeFileSync(join(root, 'eslint.config.js'), `export { default } from ${JSON.stringify(checkoutPath('eslint.config.js'))};\n`);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scaffold-workspace', private: true, type: 'module' }));
  return { root, connectorsDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
