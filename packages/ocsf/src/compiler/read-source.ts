import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import type { JsonObject, RawCategory, RawEntity, RawSource } from './raw-source.ts';
import { isJsonObject } from './raw-source.ts';

/**
 * Reads the core OCSF schema source (events/, objects/, profiles/, dictionary.json, categories.json, version.json)
 * from `root`. Extensions under extensions/ are not read: the core schema is what records are validated
 * against. `$include` targets are read on demand and cached.
 */
export function readSource(root: string): RawSource {
  const dictionary = readJson(join(root, 'dictionary.json'));
  const categories = readJson(join(root, 'categories.json'));
  const version = readJson(join(root, 'version.json'));
  if (typeof version.version !== 'string') throw new Error(`${root}/version.json has no version`);
  const types = isJsonObject(dictionary.types) ? dictionary.types.attributes : undefined;
  if (!isJsonObject(dictionary.attributes) || !isJsonObject(types)) {
    throw new Error(`${root}/dictionary.json has no attributes or types`);
  }
  if (!isJsonObject(categories.attributes)) throw new Error(`${root}/categories.json has no attributes`);

  const includes = new Map<string, JsonObject>();
  const readInclude = (relativePath: string): JsonObject => {
    const cached = includes.get(relativePath);
    if (cached) return cached;
    const full = normalize(join(root, relativePath));
    if (relative(root, full).startsWith('..')) throw new Error(`$include escapes the schema root: ${relativePath}`);
    const json = readJson(full);
    includes.set(relativePath, json);
    return json;
  };

  return {
    version: version.version,
    categories: categories.attributes as Record<string, RawCategory>,
    dictionary: dictionary.attributes as RawSource['dictionary'],
    types: types as RawSource['types'],
    classes: readEntities(join(root, 'events')),
    objects: readEntities(join(root, 'objects')),
    profiles: readEntities(join(root, 'profiles')),
    readInclude,
  };
}

function readEntities(dir: string): Record<string, RawEntity> {
  const byName: Record<string, RawEntity> = {};
  for (const file of listJsonFiles(dir)) {
    const entity = asEntity(readJson(file), file);
    if (byName[entity.name]) throw new Error(`Duplicate OCSF name ${entity.name} in ${file}`);
    byName[entity.name] = entity;
  }
  return byName;
}

function listJsonFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listJsonFiles(path));
    else if (name.endsWith('.json')) files.push(path);
  }
  return files;
}

function readJson(file: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isJsonObject(parsed)) throw new Error(`${file} is not a JSON object`);
  return parsed;
}

function asEntity(json: JsonObject, file: string): RawEntity {
  if (typeof json.name !== 'string') throw new Error(`${file.split(sep).join('/')} has no name`);
  return { ...json, name: json.name, attributes: isJsonObject(json.attributes) ? json.attributes : {} };
}
