function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function drop(record: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(record, head)) return record;
  const { [head]: child, ...others } = record;
  if (rest.length === 0) return others;
  if (!isPlainObject(child)) return record;
  const left = drop(child, rest);
  return Object.keys(left).length === 0 ? others : { ...others, [head]: left };
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * What the mapper did not place in an OCSF attribute: the record without the dotted `mapped` paths
 * (objects left empty are dropped too), and without fields that hold nothing (null or an empty list),
 * which carry no information. Undefined when nothing is left.
 */
export function unmappedOf(record: Readonly<Record<string, unknown>>, mapped: readonly string[]): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> = { ...record };
  for (const path of mapped) rest = drop(rest, path.split('.'));
  const kept = Object.fromEntries(Object.entries(rest).filter(([, value]) => !isEmpty(value)));
  return Object.keys(kept).length === 0 ? undefined : kept;
}
