import type { ScaffoldNames } from '../scaffold-names.ts';

export function packageJson(n: ScaffoldNames): string {
  const manifest = {
    name: n.packageName,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `${n.name} connector for Patchbay: ${n.stream} as OCSF detection findings.`,
    exports: { '.': './connector.ts' },
    dependencies: {
      '@patchbay/ocsf': n.versions.patchbay,
      '@patchbay/sdk': n.versions.patchbay,
      '@patchbay/types': n.versions.patchbay,
      zod: n.versions.zod,
    },
    devDependencies: { '@patchbay/conformance': n.versions.patchbay },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
