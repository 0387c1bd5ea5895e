import type { ConnectorContext, HttpRequest, HttpResponse, PlannedRequest } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { PagerDutyConfig } from '../config.ts';
import { restError } from './rest-errors.ts';

type Ctx = ConnectorContext<PagerDutyConfig>;

/**
 * Headers every REST call carries: the API version in Accept
 * (https://github.com/PagerDuty/developer-docs/blob/main/docs/REST-API/03-Versioning.md), and Content-Type, which PagerDuty's API
 * description requires on every operation, GETs included.
 */
export const REST_HEADERS = { accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json' } as const;

/** The From header writes need: the email of the PagerDuty user the change is made as. */
export function fromHeader(config: PagerDutyConfig, what: string): { from: string } {
  if (!config.from_email) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'from_email',
      message: `${what} needs a PagerDuty user to act as, and the instance sets no from_email`,
      hint: 'Set from_email to the login email of a PagerDuty user: PagerDuty records notes, priority changes and reopenings as theirs.',
    });
  }
  return { from: config.from_email };
}

/** A REST request as planned (relative to base_url), with the REST headers. */
export function restRequest(request: PlannedRequest & { readonly from?: string }): PlannedRequest {
  const { from, ...rest } = request;
  return { ...rest, headers: { ...REST_HEADERS, ...(from ? { from } : {}), ...request.headers } };
}

/**
 * Sends a REST request; 400, 402 and 404 answers become the PatchbayErrors of rest-errors.ts (`what` names
 * the object for the message). 401, 403, 429 and 5xx are the HTTP client's (retries, Retry-After).
 */
export async function rest<T>(ctx: Ctx, request: PlannedRequest & { readonly from?: string }, what: string): Promise<HttpResponse<T>> {
  const response = await ctx.http.request<T>({ ...(restRequest(request) as HttpRequest), acceptStatus: [400, 402, 404] });
  if (response.status >= 400) throw restError(response as HttpResponse<unknown>, what);
  return response;
}
