import { api, unwrap } from '../../api/client.ts';
import type { OcsfClassDetail, OcsfClassList, OcsfObjectDetail } from './mapping-types.ts';

// The schema is static per hub version: each piece is fetched once per page load (the API adds an ETag too).
let classes: Promise<OcsfClassList> | undefined;
const details = new Map<number, Promise<OcsfClassDetail>>();
const objects = new Map<string, Promise<OcsfObjectDetail>>();

/** Remembers a fetch; a failed one is forgotten so the next call tries again. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

export function ocsfClasses(): Promise<OcsfClassList> {
  classes ??= unwrap(api.GET('/api/ocsf/classes')).catch((error: unknown) => {
    classes = undefined;
    throw error;
  });
  return classes;
}

export const ocsfClass = (uid: number) => once(details, uid, () => unwrap(api.GET('/api/ocsf/classes/{uid}', { params: { path: { uid } } })));

export const ocsfObject = (name: string) => once(objects, name, () => unwrap(api.GET('/api/ocsf/objects/{name}', { params: { path: { name } } })));
