import { getObject, type OcsfAttribute, type OcsfClass } from '@patchbay/ocsf';

/** Targets outside OCSF: asset annotations a mapping may set (stored beside the record, not in it). */
export const ANNOTATION_TARGETS = ['patchbay.criticality', 'patchbay.tags'] as const;
export type AnnotationTarget = (typeof ANNOTATION_TARGETS)[number];

/** OCSF classes whose records are assets, the only ones that take annotations. */
export const ASSET_CLASS_UIDS: readonly number[] = [5001];

export const isAnnotationTarget = (path: string): path is AnnotationTarget => (ANNOTATION_TARGETS as readonly string[]).includes(path);

const SEGMENT = /^(?:[a-z_][a-z0-9_]*|\d+)$/;

/** `device.os.name` → ['device', 'os', 'name']; array elements by index: `resources.0.uid`. Undefined when malformed. */
export function parsePath(path: string): string[] | undefined {
  if (path.length === 0 || path.length > 512) return undefined;
  const segments = path.split('.');
  if (!segments.every((s) => SEGMENT.test(s)) || /^\d/.test(segments[0]!)) return undefined;
  return segments;
}

export type PathCheck = { readonly ok: true; readonly warnings: string[] } | { readonly ok: false; readonly message: string };

function nearest(name: string, attributes: readonly OcsfAttribute[]): string {
  const candidates = attributes.map((a) => a.name).filter((n) => n.includes(name) || name.includes(n) || n.slice(0, 3) === name.slice(0, 3));
  return candidates.length ? ` (did you mean ${candidates.slice(0, 3).join(', ')}?)` : '';
}

/**
 * Whether `segments` names an attribute of the class: each step an attribute of the object before it,
 * array attributes indexed by number (or targeted whole), anything under a free-form `object` (`unmapped`).
 */
export function checkOcsfPath(cls: OcsfClass, segments: readonly string[]): PathCheck {
  const warnings: string[] = [];
  let attributes: readonly OcsfAttribute[] = cls.attributes;
  let owner = cls.name;
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    const attribute = attributes.find((a) => a.name === name);
    if (!attribute) return { ok: false, message: `${owner} has no attribute "${name}"${nearest(name, attributes)}` };
    if (attribute.profile) warnings.push(`${segments.slice(0, i + 1).join('.')} belongs to the ${attribute.profile} profile: records must list it in metadata.profiles`);
    if (attribute.deprecated) warnings.push(`${segments.slice(0, i + 1).join('.')} is deprecated: ${attribute.deprecated.message}`);
    if (i === segments.length - 1) return { ok: true, warnings };
    let next = i + 1;
    if (attribute.isArray) {
      if (!/^\d+$/.test(segments[next]!)) return { ok: false, message: `${segments.slice(0, i + 1).join('.')} is an array: index an element (${segments.slice(0, i + 1).join('.')}.0.${segments[next]}) or set the whole array` };
      if (next === segments.length - 1) return { ok: true, warnings };
      next++;
    }
    if (attribute.type !== 'object_t' || !attribute.objectType) return { ok: false, message: `${segments.slice(0, i + 1).join('.')} is a ${attribute.type}: it has no attributes` };
    if (attribute.objectType === 'object') return { ok: true, warnings };
    const object = getObject(attribute.objectType);
    if (!object) return { ok: true, warnings };
    attributes = object.attributes;
    owner = attribute.objectType;
    i = next - 1;
  }
  return { ok: true, warnings };
}

/** A copy of `root` with `value` at `segments` (copied along the path only; `null` removes the attribute). */
export function setPath(root: unknown, segments: readonly string[], value: unknown, at = 0): unknown {
  const key = segments[at]!;
  const index = /^\d+$/.test(key) ? Number(key) : undefined;
  const container: Record<string, unknown> | unknown[] =
    index !== undefined ? (Array.isArray(root) ? [...root] : []) : root && typeof root === 'object' && !Array.isArray(root) ? { ...(root as Record<string, unknown>) } : {};
  const current = index !== undefined ? (container as unknown[])[index] : (container as Record<string, unknown>)[key];
  const next = at === segments.length - 1 ? value : setPath(current, segments, value, at + 1);
  if (index !== undefined) {
    const list = container as unknown[];
    if (next === null || next === undefined) {
      if (index < list.length) list.splice(index, 1);
    } else {
      while (list.length < index) list.push({});
      list[index] = next;
    }
  } else if (next === null || next === undefined) delete (container as Record<string, unknown>)[key];
  else (container as Record<string, unknown>)[key] = next;
  return container;
}
