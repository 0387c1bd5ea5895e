/** One leaf of a JSON value: its dotted path (`finding_info.title`, `resources.0.uid`) and value. */
export interface Leaf {
  readonly path: string;
  readonly value: unknown;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  readonly path: string;
  readonly kind: ChangeKind;
  readonly before: unknown;
  readonly after: unknown;
}

/** Every leaf of a JSON value, in document order; empty objects and arrays are leaves too. */
export function flatten(value: unknown, prefix = ''): Leaf[] {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) return prefix ? [{ path: prefix, value }] : [];
    return entries.flatMap(([key, v]) => flatten(v, prefix ? `${prefix}.${key}` : key));
  }
  return prefix ? [{ path: prefix, value }] : [];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the mapping changed: leaves added, removed or given another value, in the order they appear (mapped first). */
export function diffOutputs(before: unknown, after: unknown): Change[] {
  const old = new Map(flatten(before).map((l) => [l.path, l.value]));
  const now = flatten(after);
  const changes: Change[] = [];
  for (const leaf of now) {
    if (!old.has(leaf.path)) changes.push({ path: leaf.path, kind: 'added', before: undefined, after: leaf.value });
    else if (!same(old.get(leaf.path), leaf.value)) changes.push({ path: leaf.path, kind: 'changed', before: old.get(leaf.path), after: leaf.value });
  }
  const kept = new Set(now.map((l) => l.path));
  for (const [path, value] of old) if (!kept.has(path)) changes.push({ path, kind: 'removed', before: value, after: undefined });
  return changes;
}

/** A leaf value as one short line. */
export function showValue(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
