/**
 * How the engine verifies an inbound call before the connector sees it. Data only: the engine holds
 * the secret and does the cryptography.
 */
export type WebhookVerification =
  /** standardwebhooks.com: `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256, base64). */
  | { readonly kind: 'standard-webhooks' }
  /** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. */
  | { readonly kind: 'github' }
  /** A vendor's own HMAC-SHA256 of the raw body in one header, such as `X-Signature: sha256=<hex>`. */
  | { readonly kind: 'hmac-sha256'; readonly header: string; readonly encoding: 'hex' | 'base64'; readonly prefix?: string }
  /** Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`. */
  | { readonly kind: 'slack' }
  /** A shared token in a header (default `Authorization: Bearer <token>`). */
  | { readonly kind: 'bearer'; readonly header?: string }
  /** No verification: only with an IP allow-list or for vendors that can sign nothing. */
  | { readonly kind: 'none' };

export type WebhookVerificationKind = WebhookVerification['kind'];

/** A verified inbound call as the engine hands it to `handle`. */
export interface WebhookRequest {
  readonly method: string;
  /** Header names in lowercase. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON or form body; the raw text when it is neither. */
  readonly body: unknown;
  readonly rawBody: string;
  readonly receivedAt: Date;
}

/** A domain event the handler raises (`incident.updated`); it goes to the outbox with the records. */
export interface WebhookEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface WebhookResult {
  /** Raw records for streams of this connector; they take the same path as a synced page. */
  readonly records?: readonly { readonly stream: string; readonly records: readonly unknown[] }[];
  readonly events?: readonly WebhookEvent[];
  /** What to answer the vendor (Slack's URL verification echoes a challenge); default 204. */
  readonly response?: { readonly status?: number; readonly body?: unknown };
}

export interface WebhookDeclaration<Config = Record<string, unknown>> {
  readonly verification: WebhookVerification;
  /** Who holds the signing secret first: Patchbay generates it, or the user copies the vendor's. */
  readonly secretSource?: 'generated' | 'vendor';
  /** IPv4/IPv6 addresses or CIDR ranges the vendor sends from. */
  readonly ipAllowList?: readonly string[];
  /** The streams `handle` produces records for. */
  readonly streams: readonly string[];
  /** The event types `handle` may raise. */
  readonly events?: readonly string[];
  /**
   * Turns a verified payload into records and/or events, given the instance's configuration (parsed with
   * the connector's schema). Pure: no I/O, no clock.
   */
  readonly handle: (request: WebhookRequest, config: Config) => WebhookResult | Promise<WebhookResult>;
}

export interface WebhookDefinition<Config = Record<string, unknown>> extends WebhookDeclaration<Config> {
  readonly kind: 'webhook';
}
