export { createTestDatabase, testDatabaseKinds, type TestDatabase } from './test-database.ts';
export { testDatabaseUrl, DEFAULT_TEST_DATABASE_URL } from './test-env.ts';
export { withDatabase } from './global-setup.ts';
