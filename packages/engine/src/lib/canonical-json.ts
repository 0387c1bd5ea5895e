/** JSON with object keys sorted at every level: the same value always gives the same text (for hashing). */
export function canonicalJson(value: unknown): string {
  return write(value) ?? (undefined as unknown as string);
}

/** Canonical integer keys (`0`, `17`, not `01`): JavaScript objects list them first, in numeric order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Object.keys sorted, then ordered as a fresh object would hold them (integer-like keys first, numerically),
 * which is what JSON.stringify of a key-sorted copy gives: the text must stay byte-identical, since stored
 * hashes (records, the audit chain) depend on it.
 */
function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object).sort();
  const indexes = keys.filter((k) => INDEX_KEY.test(k) && Number(k) < 4_294_967_295);
  if (indexes.length === 0) return keys;
  const set = new Set(indexes);
  return [...indexes.sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !set.has(k))];
}

/**
 * Writes the text directly (no sorted copy of the value): the same output as JSON.stringify over a copy
 * with sorted keys, where Dates become ISO strings and undefined members are left out (null in arrays).
 */
function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // undefined, functions and symbols are left out (bigint throws, as JSON.stringify does)
      return typeof value === 'bigint' ? JSON.stringify(value) : undefined;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (write(value[i]) ?? 'null');
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(object);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = write(object[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
