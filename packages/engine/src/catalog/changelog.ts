import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChangelogEntry {
  readonly version: string;
  /** The date after the version in its heading (`## 1.2.0 - 2026-03-01`), when there is one. */
  readonly date: string | null;
  readonly changes: readonly string[];
}

/**
 * Reads a changelog written the way docs/connectors/SPEC.md section 17 asks: a `## <version>` heading per
 * version, newest first, and a bullet per change (continuation lines are joined to their bullet).
 */
export function parseChangelog(markdown: string): ChangelogEntry[] {
  const entries: { version: string; date: string | null; changes: string[] }[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+\[?v?([0-9][^\s\]]*)\]?(?:\s*[-–—(]\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\)?)?/.exec(line);
    if (heading) {
      entries.push({ version: heading[1]!, date: heading[2] ?? null, changes: [] });
      continue;
    }
    const current = entries.at(-1);
    if (!current) continue;
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (bullet) current.changes.push(bullet[1]!.trim());
    else if (line.trim() && current.changes.length > 0 && /^\s+/.test(line)) current.changes[current.changes.length - 1] += ` ${line.trim()}`;
  }
  return entries;
}

/** The CHANGELOG.md beside a built-in connector's package (`@patchbay/connector-<id>`), or null when it has none. */
export async function builtInChangelog(connectorId: string): Promise<ChangelogEntry[] | null> {
  let main: string;
  try {
    main = fileURLToPath(import.meta.resolve(`@patchbay/connector-${connectorId}`));
  } catch {
    return null;
  }
  try {
    return parseChangelog(await readFile(join(dirname(main), 'CHANGELOG.md'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
