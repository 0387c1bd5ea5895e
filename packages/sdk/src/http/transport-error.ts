import { PatchbayError, isPatchbayError } from '@patchbay/types';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPROTO',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error itself or a cause down the chain that is a PatchbayError (the guard's, through undici). */
function patchbayCause(error: unknown): PatchbayError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isPatchbayError(e)) return e;
  }
  return undefined;
}

export interface AttemptEnd {
  readonly cancelled: boolean;
  readonly timedOut: boolean;
  readonly what: string;
  readonly timeoutMs: number;
}

/**
 * Turns what a transport threw into a PatchbayError. Errors that are neither ours nor the network's
 * (a replay mismatch, a bug) are returned unchanged so they surface as they are.
 */
export function transportError(error: unknown, end: AttemptEnd): unknown {
  if (end.cancelled) return new PatchbayError('REQUEST_CANCELLED', { message: `${end.what} was cancelled`, cause: error });
  if (end.timedOut) {
    return new PatchbayError('VENDOR_TIMEOUT', {
      message: `The vendor did not answer ${end.what} within ${end.timeoutMs} ms`,
      details: { timeoutMs: end.timeoutMs },
    });
  }
  const ours = patchbayCause(error);
  if (ours) return ours;
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause);
  if (code && TIMEOUT_CODES.has(code)) {
    return new PatchbayError('VENDOR_TIMEOUT', { message: `The vendor did not answer ${end.what} in time (${code})`, cause: error });
  }
  if (code && TLS_CODE.test(code)) {
    return new PatchbayError('VENDOR_UNAVAILABLE', {
      message: `The TLS connection for ${end.what} failed (${code})`,
      hint: "Check the vendor's certificate, the CA bundle, and the client certificate if the instance uses one.",
      retryable: false,
      cause: error,
    });
  }
  if (code && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) {
    return new PatchbayError('VENDOR_UNAVAILABLE', {
      message: `The vendor could not be reached for ${end.what} (${code})`,
      hint: code === 'ENOTFOUND' ? 'Check the host name in the base URL.' : undefined,
      cause: error,
    });
  }
  return error;
}
