/** JSON Schema (2020-12) fragments for the event catalogue. */
type Schema = Record<string, unknown>;

export interface EventTypeSpec {
  readonly type: string;
  readonly description: string;
  /** Schema of `data` (the envelope is always `{ type, timestamp, data }`). */
  readonly schema: Schema;
  /** Who emits it. */
  readonly source: 'sync' | 'webhook' | 'observability' | 'vault' | 'delivery' | 'tickets' | 'compliance';
}

const uuid = { type: 'string', format: 'uuid' };
const str = { type: 'string' };
const int = { type: 'integer' };
const dateTime = { type: 'string', format: 'date-time' };

const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties,
  required,
  additionalProperties: true,
});

const recordData = (withRecord: boolean) =>
  obj(
    {
      record_id: uuid,
      instance_id: uuid,
      stream: str,
      external_id: str,
      class_uid: { ...int, description: 'The OCSF class of the record' },
      severity_id: { type: ['integer', 'null'], description: 'OCSF severity_id (0 unknown .. 6 fatal)' },
      ...(withRecord ? { record: { type: 'object', description: 'The normalised OCSF record' } } : {}),
    },
    withRecord ? ['record_id', 'instance_id', 'stream', 'external_id', 'class_uid', 'record'] : ['record_id', 'instance_id', 'stream', 'external_id', 'class_uid'],
  );

const ratio = { type: ['number', 'null'], minimum: 0, maximum: 1, description: 'passed / (passed + failed + warning), 4 decimals; null when nothing was evaluated' };
const complianceCounts: Record<string, Schema> = {
  findings: { ...int, description: 'Compliance findings counted' },
  passed: { ...int, description: 'compliance.status_id 1 (Pass)' },
  failed: { ...int, description: 'compliance.status_id 3 (Fail)' },
  warning: { ...int, description: 'compliance.status_id 2 (Warning)' },
  unknown: { ...int, description: 'compliance.status_id 0 (Unknown: no result, e.g. NOT_AVAILABLE)' },
  other: { ...int, description: 'compliance.status_id 99 or anything else' },
  pass_ratio: ratio,
};
/** A nested object schema (no `$schema` of its own). */
const part = (properties: Record<string, Schema>): Schema => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: true });
const complianceMetrics = obj(
  {
    instance_id: uuid,
    instance_name: str,
    connector_id: str,
    standard: { type: ['string', 'null'], description: "The standard's id as the connector wrote it (compliance.standards); null for findings that name none" },
    measured_at: dateTime,
    period_start: { ...dateTime, description: 'Start of the scheduled period this measurement belongs to' },
    interval_seconds: int,
    ...complianceCounts,
    controls: part({ total: int, passed: int, failed: int, warning: int, unknown: int, pass_ratio: ratio }),
    by_severity: { type: 'array', items: part({ severity_id: { type: ['integer', 'null'] }, severity: str, ...complianceCounts }) },
    by_control: {
      type: 'array',
      items: part({ control: str, status: { enum: ['passed', 'failed', 'warning', 'unknown'] }, severity_id: { type: ['integer', 'null'], description: 'The highest severity among its findings' }, ...complianceCounts }),
    },
  },
  ['instance_id', 'standard', 'measured_at', 'findings', 'passed', 'failed', 'warning', 'unknown', 'other', 'pass_ratio', 'controls', 'by_severity', 'by_control'],
);

const execution = obj({ execution_id: uuid, instance_id: uuid, stream: str, trigger: str, status: str });

/** Every event type the product emits. `GET /api/integration/events/types` serves this list. */
export const eventCatalog: readonly EventTypeSpec[] = [
  { type: 'record.created', source: 'sync', description: 'A synced or webhook-delivered record was seen for the first time (data carries its OCSF class and the record).', schema: recordData(true) },
  { type: 'record.updated', source: 'sync', description: 'A known record changed (its content hash differs), or a deleted record came back.', schema: recordData(true) },
  { type: 'record.deleted', source: 'sync', description: 'A full-refresh run no longer saw a record: it is marked deleted.', schema: recordData(false) },
  { type: 'finding.created', source: 'sync', description: 'A new record of an OCSF Findings class (category 2: vulnerability, compliance, detection, incident findings) was stored.', schema: recordData(true) },
  {
    type: 'sync.completed',
    source: 'sync',
    description: 'A stream run completed; data carries its counters.',
    schema: obj({ ...(execution.properties as Record<string, Schema>), records_processed: int, records_created: int, records_updated: int, records_deleted: int, records_invalid: int }, ['execution_id', 'instance_id', 'stream', 'status']),
  },
  { type: 'sync.failed', source: 'sync', description: 'A stream run failed; data carries the error code and message (never secrets).', schema: obj({ ...(execution.properties as Record<string, Schema>), error: { type: 'object', properties: { code: str, message: str, kind: str } } }, ['execution_id', 'instance_id', 'stream', 'status', 'error']) },
  { type: 'instance.health_changed', source: 'observability', description: "An instance's health moved (healthy, degraded, failing).", schema: obj({ instance_id: uuid, from: str, to: str, reason: str }, ['instance_id', 'to']) },
  { type: 'stream.stale', source: 'observability', description: 'A stream has not completed a run within its expected interval.', schema: obj({ instance_id: uuid, stream: str, last_success_at: { type: ['string', 'null'], format: 'date-time' } }, ['instance_id', 'stream']) },
  { type: 'credential.expiring', source: 'vault', description: 'A credential (auth config) expires soon.', schema: obj({ auth_config_id: uuid, expires_at: dateTime, days_left: int }, ['auth_config_id', 'expires_at']) },
  { type: 'credential.refresh_failed', source: 'vault', description: 'Refreshing an OAuth token failed; instances using the config cannot sync until it is fixed.', schema: obj({ auth_config_id: uuid, error: { type: 'object' } }, ['auth_config_id']) },
  { type: 'webhook.received', source: 'webhook', description: 'An inbound webhook was verified and stored for an instance.', schema: obj({ instance_id: uuid, inbound_id: uuid, message_id: { type: ['string', 'null'] } }, ['instance_id', 'inbound_id']) },
  { type: 'webhook.rejected', source: 'webhook', description: 'A stored inbound webhook could not be processed (malformed body or handler failure).', schema: obj({ instance_id: uuid, inbound_id: uuid, reason: str }) },
  {
    type: 'delivery.failed',
    source: 'delivery',
    description: 'An outgoing webhook attempt failed; it will be retried at next_attempt_at.',
    schema: obj({ message_id: str, endpoint_id: uuid, event_type: str, attempt: int, status_code: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] }, next_attempt_at: dateTime }, ['message_id', 'endpoint_id', 'attempt']),
  },
  {
    type: 'delivery.dead_lettered',
    source: 'delivery',
    description: 'An outgoing webhook exhausted its retries and is in the dead-letter queue (replay it from there).',
    schema: obj({ message_id: str, endpoint_id: uuid, event_type: str, attempts: int, status_code: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] } }, ['message_id', 'endpoint_id', 'attempts']),
  },
  {
    type: 'destination.failing',
    source: 'delivery',
    description: 'A SIEM destination could not send a batch: its cursor stops and it retries with backoff (raised once per failure streak, with the reason).',
    schema: obj({ destination_id: uuid, name: str, instance_id: uuid, reason: { type: 'object', properties: { code: str, message: str } }, next_attempt_at: dateTime, replay: { type: 'boolean' } }, ['destination_id', 'instance_id', 'reason', 'next_attempt_at']),
  },
  {
    type: 'destination.recovered',
    source: 'delivery',
    description: 'A failing SIEM destination sent a batch again (or its failing batch was skipped); delivery resumes from its cursor.',
    schema: obj({ destination_id: uuid, name: str, instance_id: uuid, failing_since: { type: ['string', 'null'], format: 'date-time' }, failures: int }, ['destination_id', 'instance_id']),
  },
  {
    type: 'ticket.opened',
    source: 'tickets',
    description: 'A ticket rule selected a finding and Patchbay is opening a ticket for it (or its group) at the ITSM; the SLA clock starts now.',
    schema: obj({ ticket_id: uuid, rule_id: uuid, instance_id: uuid, priority: int, title: str, record_id: uuid, due_at: { type: ['string', 'null'], format: 'date-time' } }, ['ticket_id', 'rule_id', 'instance_id', 'priority', 'record_id']),
  },
  {
    type: 'ticket.created',
    source: 'tickets',
    description: 'The ITSM has the ticket: data carries its key and URL.',
    schema: obj({ ticket_id: uuid, instance_id: uuid, vendor_key: str, vendor_url: str, priority: int, title: str }, ['ticket_id', 'instance_id', 'vendor_key']),
  },
  {
    type: 'ticket.status_changed',
    source: 'tickets',
    description: "A ticket's status moved (from the ITSM by webhook or polling, or after Patchbay resolved or reopened it); done statuses stop the SLA clock.",
    schema: obj({ ticket_id: uuid, instance_id: uuid, vendor_key: { type: ['string', 'null'] }, from: str, to: str, vendor_status: str, sla_state: str }, ['ticket_id', 'instance_id', 'from', 'to']),
  },
  {
    type: 'ticket.sla_near_breach',
    source: 'tickets',
    description: "A ticket passed its SLA policy's warning point (by default three quarters of the time to its due date) and is not done.",
    schema: obj({ ticket_id: uuid, instance_id: uuid, vendor_key: { type: ['string', 'null'] }, priority: int, due_at: dateTime, title: str }, ['ticket_id', 'instance_id', 'due_at']),
  },
  {
    type: 'ticket.sla_breached',
    source: 'tickets',
    description: 'A ticket passed its SLA due date and is not done.',
    schema: obj({ ticket_id: uuid, instance_id: uuid, vendor_key: { type: ['string', 'null'] }, priority: int, due_at: dateTime, title: str }, ['ticket_id', 'instance_id', 'due_at']),
  },
  {
    type: 'ticket.failed',
    source: 'tickets',
    description: 'Patchbay gave up a call to the ITSM for a ticket after its retries (the error is on the ticket; POST /api/tickets/{id}/retry tries again).',
    schema: obj({ ticket_id: uuid, instance_id: uuid, operation: str, attempts: int, error: { type: 'object', properties: { code: str, message: str } } }, ['ticket_id', 'instance_id', 'operation', 'error']),
  },
  {
    type: 'compliance.metrics',
    source: 'compliance',
    description:
      'Compliance metrics on a schedule (hourly by default): for one source instance and one standard, the current Compliance Findings (OCSF 2003) counted as passed, failed, warning, unknown and other, the pass ratio, and the same per severity (by_severity) and per control (by_control, with each control\'s status).',
    schema: complianceMetrics,
  },
];

const known = new Set(eventCatalog.map((e) => e.type));

/** Whether a type is in the catalogue (connectors may also raise their own `vendor.*` types). */
export const isKnownEventType = (type: string): boolean => known.has(type);

/** `record.*` matches `record.created`; `*` matches everything; otherwise exact. */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** A pattern is valid when it is `*`, a known type, a known prefix with `.*`, or a dotted lowercase name. */
export function isValidTypePattern(pattern: string): boolean {
  return pattern === '*' || /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/.test(pattern);
}
