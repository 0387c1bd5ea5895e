import { PatchbayError } from '@patchbay/types';
import { findMissingPermission } from './permission.ts';
import { retryAfterMs } from './rate-limit-headers.ts';

export interface StatusContext {
  readonly status: number;
  readonly headers: Headers;
  readonly bodyText: string;
  /** `GET api.vendor.com/v1/alerts`: never the query string. */
  readonly what: string;
  readonly operation: string | undefined;
  /** Permissions the operation needs, as the connector declared them. */
  readonly permissions: readonly string[] | undefined;
  readonly nowMs: number;
}

const VENDOR_MESSAGE_FIELDS = ['error_description', 'errorSummary', 'message', 'detail', 'title', 'error'];

/** Long token-like runs (keys, JWTs) are masked: vendors sometimes echo what they were sent. */
function safeSnippet(text: string): string {
  return text.replace(/[A-Za-z0-9._~+/=-]{32,}/g, '[REDACTED]').slice(0, 300);
}

function vendorMessage(bodyText: string): string | undefined {
  try {
    let value: unknown = JSON.parse(bodyText);
    if (value && typeof value === 'object' && Array.isArray((value as { errors?: unknown }).errors)) {
      value = (value as { errors: unknown[] }).errors[0];
    }
    if (!value || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    for (const field of VENDOR_MESSAGE_FIELDS) {
      const found = record[field];
      if (typeof found === 'string' && found !== '') return safeSnippet(found);
      if (found && typeof found === 'object' && typeof (found as { message?: unknown }).message === 'string') {
        return safeSnippet((found as { message: string }).message);
      }
    }
  } catch {
    return bodyText.trim() === '' || bodyText.trimStart().startsWith('<') ? undefined : safeSnippet(bodyText.trim());
  }
  return undefined;
}

function isRateLimitSignal(headers: Headers): boolean {
  return headers.get('retry-after') !== null || headers.get('x-ratelimit-remaining') === '0' || headers.get('x-rate-limit-remaining') === '0';
}

/** The error for a status the caller did not accept. */
export function statusError(context: StatusContext): PatchbayError {
  const { status, headers, what, operation } = context;
  const message = vendorMessage(context.bodyText);
  const details = { status, ...(operation ? { operation } : {}), ...(message ? { vendorMessage: message } : {}) };
  const wait = retryAfterMs(headers, context.nowMs);
  const retry = wait === undefined ? {} : { retryAfterMs: wait };
  if (status === 401) {
    return new PatchbayError('VENDOR_AUTH_FAILED', {
      message: `The vendor rejected the credentials for ${what} (401)`,
      hint: 'Check that the instance credentials are current and belong to this vendor tenant.',
      details,
    });
  }
  if (status === 429 || (status === 403 && isRateLimitSignal(headers))) {
    return new PatchbayError('VENDOR_RATE_LIMITED', { message: `The vendor is rate limiting ${what} (${status})`, details, ...retry });
  }
  if (status === 403) {
    const needed = context.permissions?.length ? context.permissions.join(', ') : findMissingPermission(headers, context.bodyText);
    const forOperation = operation ? ` for ${operation}` : '';
    return new PatchbayError('VENDOR_PERMISSION_DENIED', {
      message: needed
        ? `The vendor credentials lack the permission ${needed} needed${forOperation} (${what}, 403)`
        : `The vendor credentials lack a permission needed${forOperation} (${what}, 403)`,
      hint: needed ? `Grant ${needed} to the credentials this instance uses.` : "Compare the credentials' permissions with the connector's documented requirements.",
      details: { ...details, ...(needed ? { permission: needed } : {}) },
    });
  }
  if (status === 408 || status === 504) {
    return new PatchbayError('VENDOR_TIMEOUT', { message: `The vendor timed out answering ${what} (${status})`, details, ...retry });
  }
  if (status >= 500) {
    return new PatchbayError('VENDOR_UNAVAILABLE', { message: `The vendor failed to answer ${what} (${status})`, details, ...retry });
  }
  if (status >= 300 && status < 400) {
    return new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `The vendor answered ${what} with a redirect (${status}) that was not followed`,
      hint: 'Check the base URL: it may point at a login page or an old address.',
      details: { ...details, location: headers.get('location')?.split('?')[0] },
    });
  }
  return new PatchbayError('VENDOR_REQUEST_REJECTED', {
    message: `The vendor rejected ${what} (${status})`,
    hint: status === 404 ? 'Pass acceptStatus: [404] when "not found" is an expected answer.' : undefined,
    details,
  });
}
