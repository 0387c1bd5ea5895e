import { describe, expect, it } from 'vitest';
import { builtInConnectors } from '../runtime/built-in-connectors.generated.ts';
import { builtInChangelog, parseChangelog } from './changelog.ts';
import { featuredCollections } from './featured-collections.ts';

describe('connector changelogs', () => {
  it('reads versions newest first with their bullets, joining continuation lines', () => {
    const text = ['# Changelog', '', '## 1.1.0 - 2026-03-01', '', '- Adds the `scans` stream', '  with paging.', '- Fixes retries', '', '## 1.0.0', '', '* First version'].join('\n');
    expect(parseChangelog(text)).toEqual([
      { version: '1.1.0', date: '2026-03-01', changes: ['Adds the `scans` stream with paging.', 'Fixes retries'] },
      { version: '1.0.0', date: null, changes: ['First version'] },
    ]);
  });

  it("finds each built-in connector's CHANGELOG.md, with a section for its declared version", async () => {
    for (const connector of builtInConnectors) {
      const entries = await builtInChangelog(connector.id);
      expect(entries, connector.id).not.toBeNull();
      expect(entries!.map((e) => e.version), connector.id).toContain(connector.version);
    }
    expect(await builtInChangelog('no-such-connector')).toBeNull();
  });
});

describe('featured collections', () => {
  it('name only built-in connectors, each collection with a unique slug', () => {
    const ids = new Set(builtInConnectors.map((c) => c.id));
    for (const c of featuredCollections) for (const id of c.connectors) expect(ids.has(id), `${c.slug}: ${id}`).toBe(true);
    expect(new Set(featuredCollections.map((c) => c.slug)).size).toBe(featuredCollections.length);
  });
});
