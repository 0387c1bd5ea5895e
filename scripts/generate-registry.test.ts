import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyConnector } from '@patchbay/sdk';
import { findConnectorPackages, GENERATED_MARKER, REGISTRY_FILE, renderRegistry, writeRegistry } from './generate-registry.ts';

const root = new URL('..', import.meta.url).pathname;

describe('the checked-in connector registry', () => {
  it('is exactly what the generator writes for connectors/', () => {
    const checkedIn = readFileSync(join(root, REGISTRY_FILE), 'utf8');
    expect(checkedIn.split('\n')[0]).toBe(GENERATED_MARKER);
    expect(checkedIn).toBe(renderRegistry(findConnectorPackages(root)));
  });

  it('holds one connector per folder, each with the folder name as its id, sorted by id', async () => {
    const packages = findConnectorPackages(root);
    const registry = new URL(`../${REGISTRY_FILE}`, import.meta.url).href;
    const { builtInConnectors } = (await import(registry)) as { builtInConnectors: readonly AnyConnector[] };
    expect(builtInConnectors.map((c) => c.id)).toEqual(packages.map((p) => p.id));
    for (const p of packages) {
      const module = (await import(p.packageName)) as { default?: { kind?: unknown; id?: unknown } };
      expect(module.default, `${p.packageName} has a default export`).toBeDefined();
      expect({ kind: module.default!.kind, id: module.default!.id }).toEqual({ kind: 'connector', id: p.id });
    }
  });
});

describe('findConnectorPackages', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tree(folders: Record<string, { name?: string; connector?: boolean } | null>): string {
    const temp = mkdtempSync(join(tmpdir(), 'patchbay-registry-'));
    temps.push(temp);
    mkdirSync(join(temp, 'connectors'));
    mkdirSync(join(temp, 'packages/engine/src/runtime'), { recursive: true });
    writeFileSync(join(temp, 'connectors', 'README.md'), 'not a connector');
    for (const [id, spec] of Object.entries(folders)) {
      mkdirSync(join(temp, 'connectors', id));
      if (spec === null) continue;
      writeFileSync(join(temp, 'connectors', id, 'package.json'), JSON.stringify({ name: spec.name ?? `@patchbay/connector-${id}` }));
      if (spec.connector !== false) writeFileSync(join(temp, 'connectors', id, 'connector.ts'), 'export default {};\n');
    }
    return temp;
  }

  it('lists packages sorted by id with camel-case bindings, and writes the registry only when it changes', () => {
    const dir = tree({ 'zeta-feed': {}, 'acme-edr2': {}, 'm365-defender': {} });
    expect(findConnectorPackages(dir)).toEqual([
      { id: 'acme-edr2', packageName: '@patchbay/connector-acme-edr2', binding: 'acmeEdr2' },
      { id: 'm365-defender', packageName: '@patchbay/connector-m365-defender', binding: 'm365Defender' },
      { id: 'zeta-feed', packageName: '@patchbay/connector-zeta-feed', binding: 'zetaFeed' },
    ]);
    expect(writeRegistry(dir).changed).toBe(true);
    const text = readFileSync(join(dir, REGISTRY_FILE), 'utf8');
    expect(text).toContain("import m365Defender from '@patchbay/connector-m365-defender';");
    expect(text).toContain('export const builtInConnectors: readonly AnyConnector[] = [acmeEdr2, m365Defender, zetaFeed];');
    expect(writeRegistry(dir).changed).toBe(false);
  });

  it('refuses folders that cannot be built-in connectors, naming them', () => {
    expect(() => findConnectorPackages(tree({ okta: { name: '@patchbay/okta' } }))).toThrow('connectors/okta/package.json is named "@patchbay/okta"; it must be "@patchbay/connector-okta"');
    expect(() => findConnectorPackages(tree({ okta: null }))).toThrow('connectors/okta has no package.json');
    expect(() => findConnectorPackages(tree({ okta: { connector: false } }))).toThrow('connectors/okta has no connector.ts');
    expect(() => findConnectorPackages(tree({ Okta_2: {} }))).toThrow('connectors/Okta_2: a connector folder is named by its lowercase kebab-case id');
  });
});
