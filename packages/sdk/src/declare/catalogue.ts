/** Where a connector is listed in the catalogue. */
export const connectorCategories = [
  'siem',
  'edr',
  'vulnerability',
  'cloud-security',
  'identity',
  'itsm',
  'ticketing',
  'threat-intel',
  'network',
  'email',
  'dlp',
  'backup',
  'config-management',
  'ci-cd',
  'other',
] as const;
export type ConnectorCategory = (typeof connectorCategories)[number];

/** What a connector can do; `defineConnector` checks each against the declaration's content. */
export const capabilities = ['ingest', 'query', 'push', 'destination', 'ticket', 'actions', 'webhook', 'bidirectional'] as const;
export type Capability = (typeof capabilities)[number];

export const actionCategories = ['investigate', 'contain', 'correct', 'notify', 'ticket', 'generic'] as const;
export type ActionCategory = (typeof actionCategories)[number];

export const actionImpacts = ['low', 'high'] as const;
/** `high` actions wait for approval before they run. */
export type ActionImpact = (typeof actionImpacts)[number];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
