import { SecurityHubServiceException } from '@aws-sdk/client-securityhub';
import { PatchbayError, type ErrorCode } from '@patchbay/types';

export interface VendorErrorContext {
  /** The stream or action (or `validate`) that sent the call. */
  readonly operation: string;
  /** The call carried a NextToken: an InvalidInputException then means the token is no longer accepted. */
  readonly continuation?: boolean;
}

/**
 * The code for an error status that reached the SDK. `ctx.http` classifies 401, 403, 429 and 5xx itself
 * (./sdk-http.ts hands the SDK only 400 and 404); the others are here so that the mapping holds
 * whatever statuses reach the SDK, with the same codes `ctx.http` would give.
 */
function codeFor(status: number | undefined): ErrorCode {
  if (status === 401) return 'VENDOR_AUTH_FAILED';
  if (status === 403) return 'VENDOR_PERMISSION_DENIED';
  if (status === 429) return 'VENDOR_RATE_LIMITED';
  if (status !== undefined && status >= 500) return 'VENDOR_UNAVAILABLE';
  return 'VENDOR_REQUEST_REJECTED';
}

/**
 * The AWS SDK's Security Hub exceptions (parsed from `x-amzn-ErrorType` and `{"Message": ...}`,
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/CommonErrors.html) as PatchbayErrors:
 * InvalidInputException on a request carrying a NextToken → PAGE_TOKEN_EXPIRED (the engine restarts
 * the stream from its checkpoint); InvalidInputException and ResourceNotFoundException otherwise →
 * VENDOR_REQUEST_REJECTED. The vendor's message is passed on for people to read, never branched on.
 * Anything else (PatchbayErrors from `ctx.http`) goes through unchanged.
 */
export function vendorError(error: unknown, context: VendorErrorContext): unknown {
  if (!(error instanceof SecurityHubServiceException)) return error;
  const status = error.$metadata.httpStatusCode;
  const details = {
    operation: context.operation,
    vendorError: error.name,
    ...(status ? { status } : {}),
    ...(error.$metadata.requestId ? { requestId: error.$metadata.requestId } : {}),
    ...(error.message ? { vendorMessage: error.message.slice(0, 300) } : {}),
  };
  if (context.continuation && error.name === 'InvalidInputException') {
    return new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `Security Hub no longer accepts the NextToken of GetFindings (${context.operation})`, details, cause: error });
  }
  const code = codeFor(status);
  return new PatchbayError(code, {
    message: `Security Hub refused ${context.operation}: ${error.name}${status ? ` (${status})` : ''}`,
    ...(code === 'VENDOR_REQUEST_REJECTED' ? { hint: 'Check the configuration (Region, account ids) and the finding ids named in the message.' } : {}),
    details,
    cause: error,
  });
}
