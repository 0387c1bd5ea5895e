import type { OcsfArtefact } from '../artefact.ts';

/**
 * Writes the artefact the one way it is checked in: each category, profile, type, attribute definition,
 * class and object on a line of its own (small, reviewable diffs), and a trailing newline.
 */
export function serializeArtefact(artefact: OcsfArtefact): string {
  const sections = Object.entries(artefact).map(([key, value]) => `"${key}": ${serializeSection(value)}`);
  return `{\n${sections.join(',\n')}\n}\n`;
}

function serializeSection(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
  }
  if (typeof value === 'object' && value !== null) {
    const lines = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`);
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n}`;
  }
  return JSON.stringify(value);
}
