import type { SimulatorHandle, SimulatorOptions, SimulatorRequest } from '@patchbay/conformance';
import type { SimulatedApp } from './token-endpoint.ts';
import type { StoredRow, Workspace } from './workspace.ts';

export interface SentinelSimulatorOptions extends SimulatorOptions {
  /** The size limit of one call, compressed and not (default 1 MB as documented). */
  readonly maxCallBytes?: number;
  /** The data collection rules the endpoint serves and their streams (default DCR_ID with STREAM and Microsoft-CommonSecurityLog). */
  readonly rules?: Readonly<Record<string, readonly string[]>>;
}

/** One call to the ingestion endpoint as the simulator answered it. */
export interface Upload {
  readonly rule: string;
  readonly stream: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly rows: number;
  readonly bodyBytes: number;
  readonly jsonBytes: number | undefined;
  readonly encoding: string | undefined;
  readonly requestId: string | undefined;
  readonly fault?: SimulatorRequest['fault'] | 'outage';
}

export type Outage = { readonly status: 503 } | { readonly status: 429; readonly retryAfterSeconds: number };

export interface SentinelSimulatorHandle extends SimulatorHandle {
  readonly app: SimulatedApp;
  /** `<login_url>/<tenant>/oauth2/v2.0/token` of the simulator. */
  readonly tokenUrl: string;
  readonly workspace: Workspace;
  /** Every call to the ingestion endpoint, in order. */
  readonly uploads: readonly Upload[];
  /** The resources the token endpoint issued tokens for, in order: one entry per token request answered. */
  readonly tokensIssued: readonly string[];
  /** Rows stored for a rule's stream (default: the configured ones), in arrival order. */
  rows(stream?: string, rule?: string): readonly Readonly<Record<string, unknown>>[];
  stored(stream?: string, rule?: string): readonly StoredRow[];
  /** A token as the token endpoint would issue it (default: for Azure Monitor), without a request: for tests that bring their own token source. */
  issueToken(resource?: string): string;
  /** Takes the Monitoring Metrics Publisher role on a rule away from the app (its calls get 403), or gives it back. */
  deny(rule?: string, denied?: boolean): void;
  /** Every ingestion call gets this answer until `outage(null)`: the API down (503) or throttling (429). */
  outage(answer: Outage | null): void;
}

