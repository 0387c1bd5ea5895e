import { readFileSync } from 'node:fs';
import { unpackArtefact, type OcsfArtefact } from './artefact.ts';
import type { OcsfClass, OcsfObject, OcsfSchema, OcsfType } from './schema-types.ts';
import { ocsfSourceCommit, ocsfVersion } from './version.ts';

/** The compiled schema with lookup indexes. */
export interface LoadedSchema {
  readonly schema: OcsfSchema;
  readonly classesByUid: ReadonlyMap<number, OcsfClass>;
  readonly classesByName: ReadonlyMap<string, OcsfClass>;
  readonly objectsByName: ReadonlyMap<string, OcsfObject>;
  readonly typesByName: ReadonlyMap<string, OcsfType>;
  readonly profileNames: ReadonlySet<string>;
}

const artefactUrl = new URL(`./generated/ocsf-${ocsfVersion}.json`, import.meta.url);
let loaded: LoadedSchema | undefined;

/** Loads the generated artefact on first use (about 1 MB of JSON) and keeps it for the process. */
export function loadSchema(): LoadedSchema {
  loaded ??= indexSchema(readArtefact());
  return loaded;
}

function readArtefact(): OcsfSchema {
  const artefact = JSON.parse(readFileSync(artefactUrl, 'utf8')) as OcsfArtefact;
  if (artefact.version !== ocsfVersion || artefact.sourceCommit !== ocsfSourceCommit) {
    throw new Error(
      `${artefactUrl.pathname} is OCSF ${artefact.version} at ${artefact.sourceCommit}, ` +
        `but ${ocsfVersion} at ${ocsfSourceCommit} is pinned: run npm run generate -w packages/ocsf`,
    );
  }
  return unpackArtefact(artefact);
}

function indexSchema(schema: OcsfSchema): LoadedSchema {
  return {
    schema,
    classesByUid: new Map(schema.classes.map((c) => [c.uid, c])),
    classesByName: new Map(schema.classes.map((c) => [c.name, c])),
    objectsByName: new Map(schema.objects.map((o) => [o.name, o])),
    typesByName: new Map(schema.types.map((t) => [t.name, t])),
    profileNames: new Set(schema.profiles.map((p) => p.name)),
  };
}
