import type { FastifyRequest } from 'fastify';
import { CALLBACK_PATH, OAUTH_STATE_TTL_MS } from '@patchbay/engine';

export const BINDING_COOKIE = 'patchbay_oauth_binding';

/**
 * The cookie that ties an authorization to the browser that started it: HttpOnly, SameSite=Lax (sent on
 * the top-level redirect back from the vendor), scoped to the callback path, Secure on an https hub.
 */
export function bindingCookie(binding: string, authorizationUrl: string): string {
  const redirect = new URL(new URL(authorizationUrl).searchParams.get('redirect_uri') ?? `http://hub.invalid${CALLBACK_PATH}`);
  const secure = redirect.protocol === 'https:' ? '; Secure' : '';
  return `${BINDING_COOKIE}=${binding}; Path=${redirect.pathname}; Max-Age=${OAUTH_STATE_TTL_MS / 1000}; HttpOnly; SameSite=Lax${secure}`;
}

/** Clears the cookie once the callback used it. */
export const clearedBindingCookie = (path: string) => `${BINDING_COOKIE}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Lax`;

export function bindingFrom(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === BINDING_COOKIE) return value.join('=');
  }
  return undefined;
}
