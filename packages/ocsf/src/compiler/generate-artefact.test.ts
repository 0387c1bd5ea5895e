import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unpackArtefact, type OcsfArtefact } from '../artefact.ts';
import { ocsfSourceCommit, ocsfVersion } from '../version.ts';
import { compileSchema } from './compile-schema.ts';
import { artefactPath, defaultSourceDir, generateArtefact } from './generate-artefact.ts';
import { readSource } from './read-source.ts';

describe('generated artefact', () => {
  const checkedIn = readFileSync(artefactPath, 'utf8');

  it('is exactly what the generator produces from the pinned schema source (no drift)', () => {
    // If this fails, run: npm run generate -w packages/ocsf (and review the diff).
    expect(generateArtefact(defaultSourceDir) === checkedIn).toBe(true);
  });

  it('is marked as generated, with the schema version and source commit', () => {
    const artefact = JSON.parse(checkedIn) as OcsfArtefact;
    expect(artefact.$comment).toMatch(/^GENERATED FILE: do not edit/);
    expect(artefact.$comment).toContain(ocsfVersion);
    expect(artefact.$comment).toContain(ocsfSourceCommit);
    expect(artefact.version).toBe(ocsfVersion);
    expect(artefact.sourceCommit).toBe(ocsfSourceCommit);
  });

  it('unpacks to the compiled schema, every class and object with its full attribute list', () => {
    const compiled = compileSchema(readSource(defaultSourceDir));
    const unpacked = unpackArtefact(JSON.parse(checkedIn) as OcsfArtefact);
    expect(unpacked).toEqual(compiled);
  });

  it('stays small: each distinct attribute definition is stored once', () => {
    expect(checkedIn.length).toBeLessThan(2_000_000);
    const artefact = JSON.parse(checkedIn) as OcsfArtefact;
    const uses = artefact.classes.reduce((n, c) => n + c.attributes.length, 0);
    expect(Object.keys(artefact.attributes).length).toBeLessThan(uses / 2);
  });
});
