export * from './organizations.ts';
export * from './users.ts';
export * from './api-tokens.ts';
export * from './connectors.ts';
export * from './integration-instances.ts';
export * from './audit-log.ts';
