/** One HTTP answer of the simulated instance. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body. */
  readonly body?: unknown;
  /** A non-JSON body (an HTML error page). */
  readonly html?: string;
}

/**
 * ServiceNow's REST error body: {"error": {"message", "detail"}, "status": "failure"}
 * (https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html "Status codes").
 */
export function snError(status: number, message: string, detail: string | null): Answer {
  return { status, body: { error: { message, detail }, status: 'failure' } };
}

export const notAuthenticated = (): Answer => ({ ...snError(401, 'User Not Authenticated', 'Required to provide Auth information'), headers: { 'www-authenticate': 'BASIC realm="Service-now"' } });
export const noRecord = (): Answer => snError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
export const invalidTable = (table: string): Answer => snError(400, `Invalid table ${table}`, null);
export const notAuthorized = (): Answer => snError(403, 'User Not Authorized', 'Not permitted');
export const aclFailed = (operation: 'Insert' | 'Update'): Answer => snError(403, 'Operation Failed', `ACL Exception ${operation} Failed due to security constraints`);
export const dataPolicy = (labels: readonly string[]): Answer => snError(403, 'Operation Failed', `Data Policy Exception: \n The following fields are mandatory: ${labels.join(', ')}\n`);
export const badRequest = (detail: string): Answer => snError(400, 'Exception while reading request', detail);
