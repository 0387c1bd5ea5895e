export { defineConnector } from './define-connector.ts';
export { defineStream } from './define-stream.ts';
export { defineAction } from './define-action.ts';
export { defineWebhook, webhookSecretSource, webhookVerificationKinds } from './define-webhook.ts';
export { defineDestination } from './define-destination.ts';
export { destinationFormats } from './destination-types.ts';
export type {
  DestinationBatch,
  DestinationConnection,
  DestinationContext,
  DestinationDeclaration,
  DestinationDefinition,
  DestinationEvent,
  DestinationFormat,
} from './destination-types.ts';
export { defineTicketing, ticketStatusOf } from './define-ticketing.ts';
export { doneTicketStatuses, ticketStatuses } from './ticket-types.ts';
export type { TicketChange, TicketDeclaration, TicketDefinition, TicketDraft, TicketFieldDeclaration, TicketPriority, TicketState, TicketStatus } from './ticket-types.ts';
export { describeConnector } from './describe-connector.ts';
export { recordKey } from './record-key.ts';
export type { AnyConnector, ConnectorDeclaration, ConnectorDefinition, ValidateResult } from './connector-types.ts';
export type { AnyStream, MapMeta, OcsfRecord, OcsfTarget, PrimaryKey, StreamDeclaration, StreamDefinition, StreamPage, StreamSchedule } from './stream-types.ts';
export type { ActionDeclaration, ActionDefinition, AnyAction, PlannedRequest } from './action-types.ts';
export type {
  WebhookDeclaration,
  WebhookDefinition,
  WebhookEvent,
  WebhookRequest,
  WebhookResult,
  WebhookVerification,
  WebhookVerificationKind,
} from './webhook-types.ts';
export {
  authTypes,
  jwtAlgorithms,
  type ApiKeyAuthMethod,
  type ApiKeyPlacement,
  type AuthMethod,
  type AuthType,
  type AwsAuthMethod,
  type BasicAuthMethod,
  type BearerAuthMethod,
  type ClientCertificateAuthMethod,
  type CredentialFieldOverride,
  type JwtBearerAuthMethod,
  type OAuth2AuthorizationCodeAuthMethod,
  type OAuth2ClientCredentialsAuthMethod,
  type OAuthHostTarget,
  type UrlOrFromConfig,
} from './auth-methods.ts';
export { builtInCredentialFields, credentialFields, type CredentialField } from './credential-fields.ts';
export { authMethodTitle, credentialJsonSchema, credentialSchema } from './credential-schema.ts';
export {
  actionCategories,
  actionImpacts,
  capabilities,
  connectorCategories,
  type ActionCategory,
  type ActionImpact,
  type Capability,
  type ConnectorCategory,
} from './catalogue.ts';
export { capabilityRules, type DeclaredContent } from './capability-rules.ts';
export { hostMatches, isHostPattern, resolveAllowedHosts, type AllowedHost, type HostFromConfig } from './host-patterns.ts';
export type { RateLimits } from './rate-limits.ts';
export { toJsonSchema, type JsonSchema } from './json-schema.ts';
export type { DeclarationIssue } from './issues.ts';
export type {
  ActionDescription,
  AuthDescription,
  ConnectorDescription,
  DestinationDescription,
  TicketDescription,
  FromConfig,
  PermissionUse,
  StreamDescription,
  WebhookDescription,
} from './description-types.ts';
