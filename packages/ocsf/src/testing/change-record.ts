import type { SampleRecord } from './sample-records.ts';

/** Marks a change that deletes the attribute. */
export const REMOVE: unique symbol = Symbol('remove');

/**
 * Applies changes to a record in place and returns it. Keys are JSON Pointers (`/finding_info/uid`,
 * `/resources/1/uid`); a value of REMOVE deletes the attribute. Parents must exist.
 */
export function changeRecord(record: SampleRecord, changes: Readonly<Record<string, unknown>>): SampleRecord {
  for (const [path, value] of Object.entries(changes)) {
    const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = segments.pop();
    if (last === undefined) throw new Error(`Bad path ${path}`);
    let parent: unknown = record;
    for (const segment of segments) {
      if (typeof parent !== 'object' || parent === null) throw new Error(`No parent for ${path}`);
      parent = (parent as Record<string, unknown>)[segment];
    }
    if (typeof parent !== 'object' || parent === null) throw new Error(`No parent for ${path}`);
    const target = parent as Record<string, unknown>;
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return record;
}
