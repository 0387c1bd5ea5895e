/**
 * Regenerates src/generated/ocsf-<version>.json from the OCSF schema source.
 * Usage: node scripts/generate.ts [schema-source-dir]   (default: ../shared/vendor/schemas/ocsf)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { artefactPath, defaultSourceDir, generateArtefact } from '../src/compiler/generate-artefact.ts';

const sourceDir = process.argv[2] === undefined ? defaultSourceDir : resolve(process.argv[2]);
const text = generateArtefact(sourceDir);
writeFileSync(artefactPath, text);
console.log(`Wrote ${artefactPath} (${(text.length / 1024).toFixed(0)} KiB) from ${sourceDir}`);
