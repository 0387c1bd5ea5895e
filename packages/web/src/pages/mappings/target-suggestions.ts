import type { OcsfAttribute } from './mapping-types.ts';

export interface SuggestionSource {
  /** The class's attributes. */
  readonly root: readonly OcsfAttribute[];
  /** Attributes of the objects loaded so far, by object name. */
  readonly objects: Readonly<Record<string, readonly OcsfAttribute[] | undefined>>;
  /** Whether the class takes asset annotations (`patchbay.criticality`, `patchbay.tags`). */
  readonly annotations?: boolean;
}

export interface Suggestions {
  /** Full target paths that continue what was typed. */
  readonly paths: string[];
  /** The object whose attributes are needed to suggest further (load it, then ask again). */
  readonly needs?: string;
}

const ANNOTATIONS = ['patchbay.criticality', 'patchbay.tags'];

/**
 * Target paths for what is typed so far: the attributes at the level the path reaches (names starting with
 * the last segment first, then containing it), array elements by index (`resources.0`). Stops at free-form
 * objects (`unmapped`) and at attributes that are not objects.
 */
export function suggestTargets(input: string, source: SuggestionSource, limit = 30): Suggestions {
  const segments = input.trim().split('.');
  const partial = segments.pop()!.toLowerCase();
  let attributes = source.root;
  const prefix: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const attribute = attributes.find((a) => a.name === segments[i]);
    if (!attribute) return { paths: [] };
    prefix.push(attribute.name);
    if (attribute.is_array) {
      if (i + 1 === segments.length) return { paths: /^\d*$/.test(partial) ? [`${prefix.join('.')}.${partial || '0'}`] : [] };
      if (!/^\d+$/.test(segments[i + 1]!)) return { paths: [] };
      prefix.push(segments[++i]!);
    }
    if (attribute.type !== 'object_t' || !attribute.object_type || attribute.object_type === 'object') return { paths: [] };
    const next = source.objects[attribute.object_type];
    if (!next) return { paths: [], needs: attribute.object_type };
    attributes = next;
  }
  const at = (name: string) => [...prefix, name].join('.');
  const starts = attributes.filter((a) => a.name.startsWith(partial));
  const contains = attributes.filter((a) => !a.name.startsWith(partial) && (a.name.includes(partial) || a.caption.toLowerCase().includes(partial)));
  const paths = [...starts, ...contains].map((a) => at(a.name));
  if (prefix.length === 0 && source.annotations) paths.push(...ANNOTATIONS.filter((p) => p.startsWith(input.trim())));
  return { paths: paths.slice(0, limit) };
}
