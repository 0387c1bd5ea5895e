import { errorCodes, type ErrorCode, type ErrorKind } from './error-codes.ts';

export interface PatchbayErrorOptions {
  /** What went wrong, for a person. Never contains secrets. */
  readonly message?: string;
  /** How to fix it. */
  readonly hint?: string;
  /** A field path or parameter the error is about (`body.credentials.api_key`). */
  readonly field?: string;
  /** Extra machine-readable details (never secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Overrides the code's retry decision (a 503 with a permanent reason, say). */
  readonly retryable?: boolean;
  /** Milliseconds the caller should wait before retrying, when known. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * The one error base. Code decides status, kind and retry; code along with message, hint and field
 * is all a caller needs to act.
 */
export class PatchbayError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly status: number;
  readonly retryable: boolean;
  readonly hint: string | undefined;
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, options: PatchbayErrorOptions = {}) {
    const spec = errorCodes[code];
    super(options.message ?? spec.title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PatchbayError';
    this.code = code;
    this.kind = spec.kind;
    this.status = spec.status;
    this.retryable = options.retryable ?? spec.retryable;
    this.hint = options.hint;
    this.field = options.field;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
  }

  get title(): string {
    return errorCodes[this.code].title;
  }
}

export function isPatchbayError(value: unknown): value is PatchbayError {
  return value instanceof PatchbayError;
}
