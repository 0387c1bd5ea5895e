import type { HttpResponse } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/**
 * The statuses ticket calls read themselves: ServiceNow's error body says what went wrong
 * ({"error": {"message": "...", "detail": "..."}, "status": "failure"},
 * https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html "Status codes"), and a 403
 * is either an ACL or a data policy, which need different fixes.
 */
export const TICKET_ERROR_STATUSES = [400, 403, 404] as const;

interface ErrorBody {
  readonly error?: { readonly message?: unknown; readonly detail?: unknown };
}

/** Vendor text for messages: bounded, and long token-like runs masked (a vendor may echo what it was sent). */
function snippet(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim().replace(/[A-Za-z0-9._~+/=-]{40,}/g, '[REDACTED]').slice(0, 300);
}

/** The message and detail of a ServiceNow error answer. */
export function vendorErrorOf(response: HttpResponse): { message?: string; detail?: string } {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as ErrorBody;
  const message = snippet(body.error?.message);
  const detail = snippet(body.error?.detail);
  return { ...(message ? { message } : {}), ...(detail ? { detail } : {}) };
}

/**
 * The PatchbayError for a 400, 403 or 404 of a ticket call on `what` ("incident INC0010001", "a new
 * incident"): NOT_FOUND for a missing record (or one an ACL hides), VENDOR_REQUEST_REJECTED for a data
 * policy that wants more fields or a request ServiceNow could not use, VENDOR_PERMISSION_DENIED for an ACL.
 */
export function ticketCallError(response: HttpResponse, what: string, operation: string): PatchbayError {
  const vendor = vendorErrorOf(response);
  const said = [vendor.message, vendor.detail].filter(Boolean).join(': ');
  const details = { status: response.status, operation, ...(said ? { vendorMessage: said } : {}) };
  if (response.status === 404) {
    return new PatchbayError('NOT_FOUND', {
      message: `ServiceNow has no ${what}, or an ACL hides it from the integration user (404)`,
      hint: 'Check the incident sys_id, and that the integration user can read incidents (role itil).',
      details,
    });
  }
  if (response.status === 403 && /data policy/i.test(said)) {
    return new PatchbayError('VENDOR_REQUEST_REJECTED', {
      message: `A ServiceNow data policy refused the change to ${what}: ${vendor.detail ?? vendor.message ?? 'fields are missing'}`,
      hint: 'Give the mandatory fields the message names: through the instance\'s ticket field mapping, or its close_code and close_notes settings for resolutions.',
      details,
    });
  }
  if (response.status === 403) {
    return new PatchbayError('VENDOR_PERMISSION_DENIED', {
      message: `ServiceNow's ACLs do not let the integration user ${operation.replaceAll('-', ' ')} (${what}, 403${said ? `: ${said}` : ''})`,
      hint: 'Grant the integration user (or the OAuth Application User) the itil role; closed and canceled incidents stay read-only even then.',
      details: { ...details, permission: 'itil' },
    });
  }
  return new PatchbayError('VENDOR_REQUEST_REJECTED', {
    message: `ServiceNow rejected the request for ${what} (400${said ? `: ${said}` : ''})`,
    hint: 'Check the field names and values of the instance\'s ticket field mapping against the incident table.',
    details,
  });
}
