function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Freezes plain objects and arrays, recursively. Functions, zod schemas and class instances are left
 * as they are: zod caches state on its schemas, and functions are behaviour, not data.
 */
export function freezeData<T>(value: T): T {
  if (!isPlainData(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) freezeData((value as Record<PropertyKey, unknown>)[key]);
  return value;
}
