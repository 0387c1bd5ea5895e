/**
 * The HTTP contract every connector uses through `ctx.http`. The engine builds the client (auth, rate
 * limits, retries, circuit breaker, SSRF guard, record/replay); connectors only call it.
 */
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Absolute URL, or a path resolved against the client's base URL. */
  readonly url: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Plain objects and arrays are sent as JSON; strings and bytes as they are. */
  readonly body?: unknown;
  /** `json` (default: parse when the content type says JSON), `text`, or `bytes`. */
  readonly responseType?: 'json' | 'text' | 'bytes';
  readonly timeoutMs?: number;
  /** Response size limit in bytes. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** false: one attempt only (for non-idempotent calls the connector cannot repeat safely). */
  readonly retry?: boolean;
  /** Statuses the caller handles itself: returned instead of thrown (e.g. [404] for "not found is fine"). */
  readonly acceptStatus?: readonly number[];
  /** Names the operation in logs and metrics (`list-alerts`). */
  readonly operation?: string;
}

export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly url: string;
  /** Parsed per `responseType`. */
  readonly body: T;
  readonly bytes: number;
  readonly durationMs: number;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(url: string, options?: Omit<HttpRequest, 'url' | 'method'>): Promise<HttpResponse<T>>;
  post<T = unknown>(url: string, body?: unknown, options?: Omit<HttpRequest, 'url' | 'method' | 'body'>): Promise<HttpResponse<T>>;
}
