function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(value: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(value, head)) return value;
  const { [head]: child, ...others } = value;
  if (rest.length === 0) return others;
  if (!isObject(child)) return value;
  const remaining = without(child, rest);
  return Object.keys(remaining).length === 0 ? others : { ...others, [head]: remaining };
}

/**
 * What of a vendor record the mapper did not put elsewhere: the record without the dotted `paths` it
 * mapped (objects left empty by that are dropped too). A record that is not an object is kept whole
 * under `value`. Undefined when nothing is left.
 */
export function unmappedOf(record: unknown, paths: readonly string[]): Record<string, unknown> | undefined {
  if (!isObject(record)) return record === undefined ? undefined : { value: record };
  let rest = record;
  for (const path of paths) rest = without(rest, path.split('.'));
  return Object.keys(rest).length === 0 ? undefined : rest;
}
