import { fileURLToPath } from 'node:url';
import { ocsfVersion } from '../version.ts';
import { compileSchema } from './compile-schema.ts';
import { packArtefact } from './pack-artefact.ts';
import { readSource } from './read-source.ts';
import { serializeArtefact } from './serialize-artefact.ts';

/** Where the schema source lives by default: the shared vendor folder beside the repository. */
export const defaultSourceDir = fileURLToPath(new URL('../../../../../shared/vendor/schemas/ocsf', import.meta.url));

/** The checked-in artefact the runtime loads. */
export const artefactPath = fileURLToPath(new URL(`../generated/ocsf-${ocsfVersion}.json`, import.meta.url));

/** Compiles the schema source in `sourceDir` and returns the artefact's text, exactly as it is checked in. */
export function generateArtefact(sourceDir: string = defaultSourceDir): string {
  return serializeArtefact(packArtefact(compileSchema(readSource(sourceDir))));
}
