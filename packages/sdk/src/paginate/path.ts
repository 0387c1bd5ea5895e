/**
 * Reads a dotted path (`meta.pagination.after`, `data.0.id`) from parsed JSON. The empty path is the
 * value itself. Missing steps give `undefined`.
 */
export function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of `target` with `value` set at the dotted `path`, creating objects on the way. */
export function writePath(target: Readonly<Record<string, unknown>>, path: string, value: unknown): Record<string, unknown> {
  const [head = '', ...rest] = path.split('.');
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  const inner = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...target, [head]: writePath(inner, rest.join('.'), value) };
}
