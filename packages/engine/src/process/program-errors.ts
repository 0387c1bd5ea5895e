import { PatchbayError, errorCodes, type ErrorCode } from '@patchbay/types';
import type { ErrorMessage } from './protocol.ts';
import type { Redactor } from './redact.ts';

const PROTOCOL_DOC = 'docs/connectors/PROTOCOL.md';

/** The codes a program may report in an ERROR message; anything else becomes PROCESS_FAILED. */
export const programErrorCodes: readonly ErrorCode[] = [
  'VENDOR_AUTH_FAILED',
  'VENDOR_PERMISSION_DENIED',
  'VENDOR_RATE_LIMITED',
  'VENDOR_UNAVAILABLE',
  'VENDOR_TIMEOUT',
  'VENDOR_BAD_RESPONSE',
  'VENDOR_REQUEST_REJECTED',
  'RESPONSE_TOO_LARGE',
  'PAGE_TOKEN_EXPIRED',
  'HOST_NOT_ALLOWED',
  'PRIVATE_NETWORK_BLOCKED',
  'CONFIG_INVALID',
  'NOT_FOUND',
  'PROCESS_PROTOCOL_ERROR',
  'PROCESS_FAILED',
];

export interface ProgramRef {
  readonly name: string;
  readonly operation: string;
}

/** The program broke the protocol: the message names the line and the rule. */
export function protocolError(ref: ProgramRef, problem: string, details: Record<string, unknown> = {}): PatchbayError {
  return new PatchbayError('PROCESS_PROTOCOL_ERROR', {
    message: `Connector program ${ref.name} (${ref.operation}): ${problem}`,
    hint: `Fix the program so it follows ${PROTOCOL_DOC}; run it by hand with a request line on stdin to see its output.`,
    details: { connector: ref.name, operation: ref.operation, ...details },
  });
}

/** An ERROR message from the program, as the PatchbayError it reports. */
export function reportedError(ref: ProgramRef, message: ErrorMessage, redactor: Redactor): PatchbayError {
  const known = (programErrorCodes as readonly string[]).includes(message.code) && message.code in errorCodes;
  const code: ErrorCode = known ? (message.code as ErrorCode) : 'PROCESS_FAILED';
  return new PatchbayError(code, {
    message: redactor.text(message.message),
    retryable: known ? message.retryable : false,
    retryAfterMs: message.retry_after_ms,
    details: {
      connector: ref.name,
      operation: ref.operation,
      ...(redactor.json(message.details ?? {}) as Record<string, unknown>),
      ...(known ? {} : { program_code: message.code }),
    },
  });
}

/** The program ended badly without saying why in an ERROR message. */
export function failedError(ref: ProgramRef, what: string, stderrTail: string, details: Record<string, unknown> = {}): PatchbayError {
  return new PatchbayError('PROCESS_FAILED', {
    message: `Connector program ${ref.name} (${ref.operation}) ${what}`,
    hint: 'Its stderr is in the log and at details.stderr_tail; report failures with an ERROR message instead of an exit code.',
    details: { connector: ref.name, operation: ref.operation, stderr_tail: stderrTail, ...details },
  });
}
