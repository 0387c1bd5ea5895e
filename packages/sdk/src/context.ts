import type { Clock } from '@patchbay/types';
import type { HttpClient } from './http/types.ts';
import type { Logger } from './logger.ts';

/** What every stream fetch, action and validate call receives. Connectors never see the vault. */
export interface ConnectorContext<Config = Record<string, unknown>> {
  /** The instance's parsed, typed, non-secret configuration. */
  readonly config: Config;
  /** Authenticated client with limits, retries and the SSRF guard applied. */
  readonly http: HttpClient;
  readonly log: Logger;
  readonly clock: Clock;
  /** Aborted when the sync or action is cancelled or the process shuts down. */
  readonly signal: AbortSignal;
  /** The installation this call runs for (stable across runs; `test` in unit tests). */
  readonly instanceId: string;
}
