import type { HttpResponse } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** PagerDuty's REST error body (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/14-Errors.md). */
export interface RestErrorBody {
  readonly error?: { readonly code?: number; readonly message?: string; readonly errors?: readonly string[] };
}

/** Codes of PagerDuty's error table the connector answers with its own advice. */
const REQUESTER_UNKNOWN = new Set([1008, 2011, 2013]);
const INVALID_PRIORITY = 1020;

function vendorDetails(response: HttpResponse<unknown>): Record<string, unknown> {
  const error = (response.body as RestErrorBody | undefined)?.error;
  return { status: response.status, ...(error?.code !== undefined ? { vendor_code: error.code } : {}), ...(error?.message ? { vendor_message: error.message } : {}), ...(error?.errors?.length ? { vendor_errors: error.errors } : {}) };
}

/**
 * The PatchbayError for a REST answer the caller accepted (400, 402, 404), by PagerDuty's status and error
 * code (never its message): an unknown resource is NOT_FOUND; a From user PagerDuty does not know, or a
 * priority name it lacks, is the instance's configuration (CONFIG_INVALID naming the field); a missing
 * account ability (402) and any other refusal are VENDOR_REQUEST_REJECTED with PagerDuty's details.
 */
export function restError(response: HttpResponse<unknown>, what: string): PatchbayError {
  const details = vendorDetails(response);
  const code = (response.body as RestErrorBody | undefined)?.error?.code;
  if (response.status === 404) {
    return new PatchbayError('NOT_FOUND', { message: `PagerDuty has no ${what} (404)`, hint: 'Check the id; the API key sees only what its user (or the account) may see.', details });
  }
  if (code !== undefined && REQUESTER_UNKNOWN.has(code)) {
    return new PatchbayError('CONFIG_INVALID', {
      field: 'from_email',
      message: `PagerDuty refused ${what}: the From user is not a user of the account (error ${code})`,
      hint: 'Set from_email to the login email of a PagerDuty user of this account (the changes are recorded as theirs).',
      details,
    });
  }
  if (code === INVALID_PRIORITY) {
    return new PatchbayError('CONFIG_INVALID', { field: 'priority_names', message: `PagerDuty refused the priority of ${what} (error 1020)`, hint: 'Name priorities the account lists (Incident Priority settings), or turn use_priorities off.', details });
  }
  if (response.status === 402) {
    return new PatchbayError('VENDOR_REQUEST_REJECTED', { message: `The PagerDuty account lacks the ability needed for ${what} (402)`, hint: 'The account\'s plan does not include this feature (GET /abilities lists what it has).', details });
  }
  return new PatchbayError('VENDOR_REQUEST_REJECTED', { message: `PagerDuty refused ${what} (${response.status}${code !== undefined ? `, error ${code}` : ''})`, hint: 'Read details.vendor_errors: PagerDuty names the argument it refused.', details });
}
