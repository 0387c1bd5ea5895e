/** One authenticated API request to the simulated site, its path without the OAuth gateway's prefix. */
export interface SimRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** The origin (and gateway prefix) `self` links are made with. */
  readonly origin: string;
}
