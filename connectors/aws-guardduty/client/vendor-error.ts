import { GuardDutyServiceException } from '@aws-sdk/client-guardduty';
import { PatchbayError } from '@patchbay/types';

/**
 * GuardDuty's modelled errors the SDK parses (BadRequestException 400, ResourceNotFoundException 404,
 * ConflictException 409) as PatchbayErrors. The error type comes from `x-amzn-ErrorType`; the vendor's
 * message is passed on for people to read, never branched on. Other errors go through unchanged.
 */
export function vendorError(error: unknown, what: string): unknown {
  if (!(error instanceof GuardDutyServiceException)) return error;
  const status = error.$metadata.httpStatusCode;
  return new PatchbayError('VENDOR_REQUEST_REJECTED', {
    message: `GuardDuty rejected ${what}: ${error.name}${error.message ? ` (${error.message.slice(0, 200)})` : ''}`,
    hint: 'Check the Region, the detector id and the finding ids: GuardDuty answers ids it does not know with BadRequestException.',
    details: { vendorError: error.name, ...(status ? { status } : {}), ...(error.$metadata.requestId ? { requestId: error.$metadata.requestId } : {}) },
    cause: error,
  });
}
