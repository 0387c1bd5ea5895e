import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'connectors/*/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'packages/web/**'],
    pool: 'forks',
    testTimeout: 30_000,
    globalSetup: ['packages/store/src/testing/global-setup.ts'],
    hookTimeout: 60_000,
  },
});
