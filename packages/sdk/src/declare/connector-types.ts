import type { z } from 'zod';
import type { ConnectorContext } from '../context.ts';
import type { ActionDeclaration } from './action-types.ts';
import type { AuthMethod } from './auth-methods.ts';
import type { Capability, ConnectorCategory } from './catalogue.ts';
import type { DestinationDeclaration } from './destination-types.ts';
import type { TicketDeclaration } from './ticket-types.ts';
import type { AllowedHost } from './host-patterns.ts';
import type { RateLimits } from './rate-limits.ts';
import type { StreamDeclaration } from './stream-types.ts';
import type { WebhookDeclaration } from './webhook-types.ts';

/** What the wizard's "test connection" returns when the vendor accepted the credentials. */
export interface ValidateResult {
  readonly ok: true;
  /** Shown to the user: the tenant or account the credentials belong to, granted scopes. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ConnectorDeclaration<ConfigSchema extends z.ZodType = z.ZodType> {
  /** The product, lowercase kebab-case: `crowdstrike-falcon`. */
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly category: ConnectorCategory;
  /** The connector's own semantic version; its folder's CHANGELOG.md lists the changes. */
  readonly version: string;
  readonly description: string;
  /** A short list of what it does, for the catalogue card. */
  readonly features: readonly string[];
  /** Inline SVG, an emoji or an https URL. */
  readonly icon: string;
  readonly docsUrl: string;
  /** The ways a user may authenticate; the wizard offers each. Empty for public feeds. */
  readonly auth: readonly AuthMethod<z.output<ConfigSchema>>[];
  /** Non-secret instance settings (base URL, region). Credentials belong in `auth`. */
  readonly config: ConfigSchema;
  readonly capabilities: readonly Capability[];
  // `any` lets each stream and action keep its own raw, checkpoint and schema types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly streams?: readonly StreamDeclaration<any, any, z.output<ConfigSchema>>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly actions?: readonly ActionDeclaration<any, any, z.output<ConfigSchema>>[];
  readonly webhook?: WebhookDeclaration<z.output<ConfigSchema>>;
  /** How the connector receives forwarded events (the `destination` capability). */
  readonly destination?: DestinationDeclaration<z.output<ConfigSchema>>;
  /** How the ticket engine opens and follows tickets at this vendor (the `ticket` capability). */
  readonly ticket?: TicketDeclaration<z.output<ConfigSchema>>;
  /** Every host the connector may call: `api.crowdstrike.com`, `*.okta.com`, or `{ fromConfig: 'base_url' }`. */
  readonly allowedHosts: readonly AllowedHost[];
  readonly rateLimits?: RateLimits;
  /** The oldest Patchbay version this connector runs on (semver). */
  readonly minPlatformVersion: string;
  /** The live "test connection" call: resolves `{ ok: true }` or throws a PatchbayError. */
  readonly validate?: (ctx: ConnectorContext<z.output<ConfigSchema>>) => Promise<ValidateResult>;
}

export interface ConnectorDefinition<ConfigSchema extends z.ZodType = z.ZodType> extends ConnectorDeclaration<ConfigSchema> {
  readonly kind: 'connector';
}

/** Any connector, whatever its config type: what a registry holds. Its config schema stays a zod schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnector = Omit<ConnectorDefinition<any>, 'config'> & { readonly config: z.ZodType };
