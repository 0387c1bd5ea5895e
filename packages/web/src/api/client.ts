import createClient from 'openapi-fetch';
import { session } from '../auth/session.ts';
import type { paths } from './generated/schema.ts';
import { ApiError } from './problem.ts';

/** The typed API client: every path, parameter and body is checked against the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A token that stopped working (expired, revoked) ends the session: the app shows the sign-in again.
    if (response.status === 401 && session.token()) session.signOut();
    return response;
  },
});

/** The data of a call, or an ApiError carrying the problem+json the API answered. */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as D;
}
