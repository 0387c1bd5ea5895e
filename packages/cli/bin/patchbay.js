#!/usr/bin/env node
// Patchbay runs TypeScript directly on Node 22's type stripping. npm scripts and npx put the Node 22 from
// node_modules/.bin first on PATH; called with an older node, say so instead of failing obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `patchbay needs Node.js 22.18 or newer (this is ${process.version}). Run it through npm (npm start, npx patchbay), ` +
      'which uses the Node 22 installed in node_modules/.bin.\n',
  );
  process.exit(1);
}
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
