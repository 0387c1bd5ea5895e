import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/web/e2e/**/*.test.ts', 'connectors/*/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'packages/web/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    globalSetup: ['packages/store/src/testing/global-setup.ts'],
    hookTimeout: 60_000,
  },
});
