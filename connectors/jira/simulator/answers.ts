/** An answer of the simulated Jira site. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Jira's error body, ErrorCollection (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes):
 * `errorMessages` for the request as a whole, `errors` per field.
 */
export function jiraFailure(status: number, errorMessages: readonly string[], errors: Readonly<Record<string, string>> = {}, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers, body: { errorMessages: [...errorMessages], errors: { ...errors } } };
}

/** A 400 naming the fields Jira refuses. */
export class FieldErrors extends Error {
  readonly errors: Readonly<Record<string, string>>;
  readonly messages: readonly string[];

  constructor(errors: Readonly<Record<string, string>>, messages: readonly string[] = []) {
    super(Object.values(errors)[0] ?? messages[0] ?? 'invalid request');
    this.errors = errors;
    this.messages = messages;
  }

  answer(): Answer {
    return jiraFailure(400, this.messages, this.errors);
  }
}

export const issueNotFound = () => jiraFailure(404, ['Issue does not exist or you do not have permission to see it.']);
export const unauthorized = () => jiraFailure(401, ['You are not authenticated. Authentication required to perform this operation.'], {}, { 'www-authenticate': 'Basic realm="protected-area"' });
export const routeNotFound = (method: string, path: string) => jiraFailure(404, [`No route for ${method} ${path}`]);
export const unavailable = () => jiraFailure(503, ['The service is temporarily unavailable. Please try again later.'], {}, { 'retry-after': '1' });
