import type { ActionCategory, ActionImpact, Capability, ConnectorCategory } from './catalogue.ts';
import type { CredentialField } from './credential-fields.ts';
import type { DestinationFormat } from './destination-types.ts';
import type { TicketFieldDeclaration, TicketStatus } from './ticket-types.ts';
import type { JsonSchema } from './json-schema.ts';
import type { RateLimits } from './rate-limits.ts';
import type { OcsfTarget, StreamSchedule } from './stream-types.ts';
import type { WebhookVerification } from './webhook-types.ts';

/** A setting computed from the instance's config at run time (a regional token URL). */
export interface FromConfig {
  readonly fromConfig: true;
}

export interface AuthDescription {
  readonly type: string;
  readonly title: string;
  readonly description: string | null;
  readonly fields: readonly CredentialField[];
  /** JSON Schema of the credentials; secret fields have `writeOnly: true` and `format: 'password'`. */
  readonly schema: JsonSchema;
  /** The method's declared settings (header name, token URL, scopes...), functions shown as `{ fromConfig: true }`. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface StreamDescription {
  readonly name: string;
  readonly title: string | null;
  readonly description: string | null;
  readonly ocsf: OcsfTarget;
  /** The raw field holding the vendor id; null when a function computes it. */
  readonly primaryKey: string | null;
  readonly fullRefresh: boolean;
  readonly permissions: readonly string[];
  readonly schedule: StreamSchedule | null;
  readonly checkpoint: JsonSchema;
}

export interface ActionDescription {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly category: ActionCategory;
  readonly impact: ActionImpact;
  readonly readOnly: boolean;
  readonly reverse: string | null;
  readonly permissions: readonly string[];
  /** Whether the action can show the requests it would send (dry run). */
  readonly dryRun: boolean;
  readonly input: JsonSchema;
  readonly output: JsonSchema;
}

export interface DestinationDescription {
  readonly formats: readonly DestinationFormat[];
  readonly maxBatchEvents: number;
  /** `connect`: a kept connection (syslog); `send`: stateless calls (HTTP APIs). */
  readonly mode: 'connect' | 'send';
}

export interface TicketDescription {
  readonly noun: string;
  readonly stream: string;
  readonly statuses: Readonly<Record<string, TicketStatus>>;
  readonly fields: Readonly<Record<string, TicketFieldDeclaration>>;
}

export interface WebhookDescription {
  readonly verification: WebhookVerification;
  readonly secretSource: 'generated' | 'vendor' | null;
  readonly ipAllowList: readonly string[];
  readonly streams: readonly string[];
  readonly events: readonly string[];
}

/** Who needs a vendor permission: the rollup the README and the wizard show. */
export interface PermissionUse {
  readonly permission: string;
  readonly usedBy: readonly { readonly kind: 'stream' | 'action'; readonly name: string }[];
}

/** A connector as plain JSON, for the catalogue and the `/schema` and `/capabilities` routes. */
export interface ConnectorDescription {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly category: ConnectorCategory;
  readonly version: string;
  readonly description: string;
  readonly features: readonly string[];
  readonly icon: string;
  readonly docsUrl: string;
  readonly minPlatformVersion: string;
  readonly capabilities: readonly Capability[];
  /** Whether the connector has a live "test connection" call. */
  readonly testConnection: boolean;
  readonly config: JsonSchema;
  readonly auth: readonly AuthDescription[];
  readonly streams: readonly StreamDescription[];
  readonly actions: readonly ActionDescription[];
  readonly webhook: WebhookDescription | null;
  readonly destination: DestinationDescription | null;
  readonly ticket: TicketDescription | null;
  readonly rateLimits: RateLimits | null;
  readonly allowedHosts: readonly (string | { readonly fromConfig: string })[];
  readonly permissions: readonly PermissionUse[];
}
