import { defineConfig } from 'vitest/config';

/**
 * Test files that spawn processes, kill them or race real timers across processes, and the browser tests:
 * they run one at a time after the rest, so that the other file running beside them cannot starve them.
 * Everything else runs two files at a time (each file has its own database, from a migrated template).
 */
const serial = [
  'packages/engine/src/workers/crash.test.ts',
  'packages/engine/src/workers/job-runtime.test.ts',
  'packages/engine/src/webhooks/sigkill.test.ts',
  'packages/engine/src/webhooks/inbound/two-processes.test.ts',
  'packages/engine/src/vault/oauth/cross-process.test.ts',
  'packages/engine/src/actions/recover-runs.test.ts',
  'packages/engine/src/process/*.test.ts',
  'packages/cli/src/*.test.ts',
  'packages/server/src/routes/destinations/*.test.ts',
  'packages/web/e2e/**/*.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'packages/web/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['packages/store/src/testing/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          include: ['packages/*/src/**/*.test.ts', 'connectors/*/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'packages/web/dist/**', ...serial],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: serial,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
