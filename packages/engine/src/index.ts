export { createEngine, type Engine, type EngineOptions } from './create-engine.ts';
export type { Actor } from './lib/actor.ts';
export { systemActor } from './lib/actor.ts';
export type { EngineDeps } from './lib/engine-deps.ts';
export { createLogger, redactPaths, type Logger } from './lib/logger.ts';
export type { Page, PageRequest } from './lib/pagination.ts';
export { MAX_LIMIT, DEFAULT_LIMIT } from './lib/pagination.ts';
export type { CatalogEntry } from './catalog/catalog-entry.ts';
export type { AuditVerification } from './audit/verify-audit.ts';
export type { AuditRow, AuditFilter } from './audit/read-audit.ts';
export type { InstanceRow, InstanceInput } from './instances/instances.ts';
export { connectorSorts, type ConnectorRow, type ConnectorSort } from './catalog/connectors.ts';
export { reviewSorts, type ReviewRow, type ReviewSort, type ReviewSummary, type ReviewInput } from './catalog/reviews.ts';
export { featuredCollections, type FeaturedCollection } from './catalog/featured-collections.ts';
export { parseChangelog, type ChangelogEntry } from './catalog/changelog.ts';
export type { TokenRow } from './auth/tokens.ts';
export type { UserRow } from './organizations/users.ts';
export type { OrganizationRow } from './organizations/organizations.ts';
export { MIN_BOOTSTRAP_TOKEN_LENGTH } from './organizations/bootstrap.ts';
export { auditRowHash, GENESIS_HASH } from './audit/audit-hash.ts';
export type { ConnectorRegistry } from './runtime/connector-registry.ts';
export { buildConnectorContext, type ContextOptions } from './runtime/build-context.ts';
export { catalogEntryOf } from './runtime/catalog-from-definitions.ts';
export { runStream, type RunStreamOptions } from './sync/run-stream.ts';
export { createExecution, type ExecutionRow } from './sync/executions.ts';
export type { AuthResolver, RunOptions } from './sync/sync-service.ts';
export { normalizePage, type MappingOverride } from './sync/normalize-page.ts';
export { createVault, type Vault, type VaultOptions } from './vault/create-vault.ts';
export { openKeyProvider, type KeySettings } from './vault/keys/open-key-provider.ts';
export { staticKeyProvider, envKeyProvider, type StaticKeys } from './vault/keys/static-key-provider.ts';
export { fileKeyProvider, KEYRING_FILE } from './vault/keys/file-key-provider.ts';
export { kekIdOf, type KeyProvider } from './vault/keys/key-provider.ts';
export type { KekRow } from './vault/keys/kek-registry.ts';
export type { RotationResult, RotateOptions } from './vault/keys/rotation.ts';
export { vaultAuthTypes, authTypeFields, type VaultAuthType, type FieldSpec } from './vault/auth-types.ts';
export { oauthConfigSchema, type OAuthConfig } from './vault/oauth-config.ts';
export type { AuthConfigRow, AuthConfigInput, AuthConfigPatch, AuthConfigFilter } from './vault/auth-configs.ts';
export type { ApplierOptions } from './vault/auth-applier.ts';
export type { CredentialTester, CredentialTestResult } from './vault/credential-checks.ts';
export type { UsageRow } from './vault/usage.ts';
export type { TokenOptions } from './vault/oauth/token-manager.ts';
export { CALLBACK_PATH, OAUTH_STATE_TTL_MS, type AuthorizationStart } from './vault/oauth/authorization-flow.ts';
export { createRegisteredConnectorService, type RegisteredConnectorService, type ProgramInput } from './catalog/registered-connectors.ts';
export {
  PROTOCOL_VERSION,
  defaultProcessLimits,
  fetchSpec,
  processConnector,
  processProgramOf,
  resolveLimits,
  runProgram,
  type ProcessCredentialResolver,
  type ProcessLimits,
  type ProcessLimitsInput,
  type ProcessOperation,
  type ProcessProgram,
  type ProgramCommand,
  type ProgramCredentials,
  type ProgramRegistration,
} from './process/index.ts';
export { eventCatalog, typeMatches, type EventTypeSpec } from './events/catalog.ts';
export { envelopeOf, emitEvents, type EventEnvelope, type NewEvent } from './events/envelope.ts';
export type { EventsOptions, EventsService } from './events/service.ts';
export type { SubscriptionRow, SubscriptionInput } from './subscriptions/subscriptions.ts';
export type { EndpointRow, EndpointInput } from './webhooks/endpoints.ts';
export type { MessageRow, AttemptRow } from './webhooks/messages.ts';
export type { InboundKeyRow, InboundRow, RotateInput } from './webhooks/inbound/inbound.ts';
export type { InboundVerification } from './webhooks/inbound/verify.ts';
export { RETRY_SCHEDULE_MS, MAX_ATTEMPTS } from './webhooks/delivery.ts';
export { standardHeaders, signStandard, generateSecret } from './webhooks/signing.ts';
export { createObservability, type Observability, type ObservabilityOptions } from './health/create-observability.ts';
export { logOperation, logOperations, type LogEntry, type LogRow, type LogLevel } from './logs/log-operation.ts';
export type { LogFilter } from './logs/read-logs.ts';
export type { HealthView, HealthSummary, StaleStream } from './health/read-health.ts';
export { deriveHealth, healthGaugeValue, UNHEALTHY_AFTER, type HealthReason } from './health/derive-health.ts';
export { checkFreshness, declaredInterval, STALE_AFTER_INTERVALS, type FreshnessReport, type IntervalResolver } from './health/freshness.ts';
export { engineCounters, type EngineCounter, type CounterSample } from './metrics/engine-metrics.ts';
export type { InstanceMetrics, MetricsPoint, MetricsRange, Granularity } from './metrics/read-metrics.ts';
export type { MetricValues } from './metrics/metric-values.ts';
export { prune, type PruneReport } from './retention/prune.ts';
export { defaultRetentionPolicy, retentionEnv, retentionPolicyFromEnv, MAX_RETENTION_DAYS, type RetentionPolicy } from './retention/retention-policy.ts';
export type { ScheduleRow, ScheduleInput, SchedulePatch, ScheduleFilter, ScheduleService } from './schedules/schedule-service.ts';
export { checkCron, nextRun, firstRun, MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES } from './schedules/next-run.ts';
export type { Scheduler, TickResult } from './schedules/scheduler.ts';
export { SYNC_QUEUE, type JobRuntime, type JobRuntimeOptions } from './workers/job-runtime.ts';
export type { JobQueue, QueuedJob, NewJob } from './jobs/job-queue.ts';
export { SharedRateLimiter } from './workers/shared-rate-limiter.ts';
export type { SyncService, ExecutionFilter } from './sync/sync-service.ts';
export type { AuditActor } from './audit/append-audit.ts';
export { normalizeRecord, MappedRecord, type NormalizeOutcome, type NormalizedRecord, type RecordAnnotations } from './sync/normalize-page.ts';
export { compileMapping, checkMapping, type MappingSpec, type MappingStep, type MappingIssue, type MappingReport } from './mappings/compile-mapping.ts';
export { ANNOTATION_TARGETS } from './mappings/target-paths.ts';
export { classSummary, type MappingRow, type MappingVersionRow, type MappingInput, type MappingUpdate, type MappingValidation } from './mappings/mapping-service.ts';
export { testMapping, type SampleResult } from './mappings/test-mapping.ts';
export type { MappingDraft } from './mappings/mapping-service.ts';
export type { MappingPreview, PreviewIssue, SamplePreview } from './mappings/preview-mapping.ts';
export type { StreamSample, StreamSamples } from './mappings/stream-samples.ts';
export { MAX_LIVE_SAMPLE, type LiveSample } from './mappings/live-sample.ts';
export { describeClasses, describeClass, describeObject, ocsfSchemaVersion, ocsfSchemaTag, type ClassSummary, type ClassDetail, type EntityDetail } from './mappings/schema-explorer.ts';
export { requireStream, streamClassUid } from './mappings/stream-class.ts';
export { recordKinds, type RecordKind } from './records/record-kinds.ts';
export { recordSorts, type RecordSort } from './records/record-cursor.ts';
export type { RecordView, RecordFilter, RejectedFilter, AnnotationPatch } from './records/record-service.ts';
export { builtInConnectors } from './runtime/built-in-connectors.generated.ts';
export { DEFAULT_APPROVAL_TTL_MS, type ActionRunRow, type ActionRunService, type ActionRunFilter, type ActionsOptions, type DryRun, type InvokeInput } from './actions/action-runs.ts';
export type { ActionLimitRow, ActionLimitInput, ActionLimitService } from './actions/action-limits.ts';
export { maskSecrets } from './actions/mask-input.ts';
export { DESTINATION_RETRY_MS, retryDelayMs, createFormatter, checkFormat, type Destinations, type DestinationsOptions, type DestinationRow, type DeadLetterRow, type DestinationInput, type DestinationPatch, type DestinationHealth, type DestinationState, type FormatInput, type FormatOptions, type Formatter, type Rendered } from './destinations/index.ts';
export { createTickets, defaultPriorityMatrix, matrixCriticalities, matrixSeverities, MAX_TICKET_ATTEMPTS, type Tickets, type TicketsOptions, type TicketRow, type TicketRuleRow, type TicketRuleInput, type AssetConditions, type SlaPolicyRow, type SlaPolicyInput, type TicketFinding, type TicketFilter, type PriorityMatrix } from './tickets/index.ts';
export { CONFIG_DOCUMENT_VERSION, configDocument, type ConfigDocument } from './config-code/config-document.ts';
export type { ConfigSection, DocumentIssue } from './config-code/config-section.ts';
export { COMPLIANCE_METRICS_EVENT, DEFAULT_COMPLIANCE_INTERVAL_MS, complianceOptionsFromEnv, type ComplianceOptions, type ComplianceMetricsData, type ComplianceMetricsService } from './compliance/compliance-metrics.ts';
export type { ComplianceMetrics } from './compliance/measure-compliance.ts';
export type { ConfigService, ConfigChange, ImportResult, ImportOptions, ChangeAction } from './config-code/config-service.ts';
