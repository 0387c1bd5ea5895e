/** An answer of the simulated API. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * An error in Tenable's format: the status codes are documented
 * (https://developer.tenable.com/docs/common-tio-api-errors); the body `{ statusCode, error, message }`
 * is hand-written after that page (Tenable documents the codes, not the body, and the recorded sessions
 * hold no error).
 */
export function tenableError(status: number, message: string, headers?: Readonly<Record<string, string>>): Answer {
  return { status, ...(headers ? { headers } : {}), body: { statusCode: status, error: REASONS[status] ?? 'Error', message } };
}
