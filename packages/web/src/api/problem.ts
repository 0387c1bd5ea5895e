/** An RFC 9457 problem from the API, as an Error the screens can show (message, hint, the fields at fault). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly hint?: string;
  readonly field?: string;
  readonly errors: readonly { field: string; message: string }[];
  readonly requestId?: string;

  constructor(status: number, body: unknown) {
    const p = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    super(typeof p.detail === 'string' ? p.detail : `The API answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof p.code === 'string' ? p.code : 'HTTP_' + status;
    if (typeof p.hint === 'string') this.hint = p.hint;
    if (typeof p.field === 'string') this.field = p.field;
    this.errors = Array.isArray(p.errors) ? (p.errors as { field: string; message: string }[]) : [];
    if (typeof p.request_id === 'string') this.requestId = p.request_id;
  }
}
