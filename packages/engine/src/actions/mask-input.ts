/** Field names that hold secrets in an action's input: shown masked in run records, audit rows and logs. */
const SECRET_NAME = /(secret|password|passwd|token|api[_-]?key|credential|private[_-]?key|authorization)/i;

export const MASK = '••••••••';

/** A deep copy with every secret-named field replaced by a mask (arrays and nested objects included). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = SECRET_NAME.test(key) && v !== null && v !== undefined ? MASK : maskSecrets(v);
  return out;
}
