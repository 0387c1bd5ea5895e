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
 * What of a vendor record the mapper did not put into an OCSF attribute: the record without the dotted
 * `paths` it mapped (objects left empty are dropped too). Undefined when nothing is left.
 */
export function unmappedOf(record: Readonly<Record<string, unknown>>, paths: readonly string[]): Record<string, unknown> | undefined {
  let rest: Record<string, unknown> = { ...record };
  for (const path of paths) rest = without(rest, path.split('.'));
  return Object.keys(rest).length === 0 ? undefined : rest;
}

/** The value at a dotted path of a JSON object. */
export function at(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
