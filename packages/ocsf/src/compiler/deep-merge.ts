import { isJsonObject } from './raw-source.ts';

/**
 * Merges `override` into `base` the way the OCSF schema compiler does: objects merge key by key,
 * recursively; anything else (arrays, scalars, `null`) in `override` replaces what `base` has. A `null`
 * therefore survives the merge, which is how a child says "remove this" (`extends`) or "not from a
 * profile" (`"profile": null`).
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return merged;
}

/** `deepMerge` for two attribute maps (name -> attribute). */
export function mergeAttributeMaps(
  base: Readonly<Record<string, unknown>>,
  override: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return deepMerge(base, override) as Record<string, unknown>;
}
