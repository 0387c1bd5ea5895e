/** The value at a dotted path (`data.items`, `records.0.id`), or undefined when the path leads nowhere. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}

/** The value at an optional setting's path, null when the setting or the value is absent. */
export function readField(value: unknown, path: string | undefined): unknown {
  return path === undefined ? null : (readPath(value, path) ?? null);
}

/** The value at the path when it is a non-empty string or a finite number, as text. */
export function readText(value: unknown, path: string | undefined): string | undefined {
  const found = readField(value, path);
  if (typeof found === 'string' && found.trim() !== '') return found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}
